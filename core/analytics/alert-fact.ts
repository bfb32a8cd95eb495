import type { Alert } from '../domain/alert.js'

/**
 * What analytics needs of an alert: which rule opened it, on what, where and when. It is read
 * from the alert events kept in InfluxDB (`alert_events`, event `opened`), so the history outlives
 * the alerts kept in Redis; its work order is found through the work orders' `source.alertIds`.
 */
export type AlertFact = Pick<Alert, 'id' | 'equipmentId' | 'equipmentType' | 'siteId' | 'buildingId' | 'ruleId' | 'openedAt'> & { workOrderId?: string }
