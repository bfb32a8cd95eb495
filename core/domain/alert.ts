import type { EquipmentType } from './equipment.js'
import type { WorkOrderPriority } from './work-order.js'

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]

export const ALERT_STATUSES = ['open', 'resolved'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/** When a trend will cross its limit: the remaining useful life, with an interval. */
export interface Forecast {
  /** Most likely crossing time (ISO-8601). */
  crossingAt: string
  /** Interval of the crossing time from the slope's uncertainty (about 95 %). */
  earliest: string
  latest: string
  /** Fitted slope, in the metric's unit per hour. */
  slopePerHour: number
}

/** Why a detector fired, in numbers an engineer can check against the trend. */
export interface AlertExplanation {
  message: string
  value: number
  limit: number
  baseline?: number
  forecast?: Forecast
}

export interface Alert {
  id: string
  equipmentId: string
  equipmentType: EquipmentType
  siteId: string
  buildingId: string
  ruleId: string
  metric: string
  severity: AlertSeverity
  /** Priority of the work order this alert opens. */
  priority: WorkOrderPriority
  status: AlertStatus
  openedAt: string
  resolvedAt?: string
  explanation: AlertExplanation
  workOrderId?: string
}

/** Severity decides the work order's priority unless a rule names one: critical work is urgent. */
export function priorityForSeverity(severity: AlertSeverity): WorkOrderPriority {
  switch (severity) {
    case 'critical':
      return 'urgent'
    case 'warning':
      return 'normal'
    case 'info':
      return 'low'
  }
}
