import type { AlertEvent } from '../../../../core/domain/alert.js'
import type { NotificationEvent } from '../../../../core/notifications/notification-event.js'
import type { WorkOrderEvent } from '../../../../core/notifications/work-order-event.js'

export const ALERT_EVENT: AlertEvent = {
  at: '2026-11-30T08:00:00.000Z',
  kind: 'opened',
  alertId: 'al_1',
  equipmentId: 'hv-a-pump-1',
  equipmentType: 'pump',
  siteId: 'harbour-view',
  buildingId: 'hv-tower-a',
  ruleId: 'bearing-overheat',
  severity: 'critical',
  message: 'bearing temperature 92 °C above limit 85 °C'
}

export const alertNotification = (overrides: Partial<AlertEvent> = {}): NotificationEvent => ({ kind: 'alert', id: 'alert-1764489600000-0', alert: { ...ALERT_EVENT, ...overrides } })

export const WORK_ORDER_EVENT: WorkOrderEvent = {
  workOrderId: 'WO-000001',
  siteId: 'harbour-view',
  equipmentId: 'hv-a-pump-1',
  action: 'assign',
  from: 'open',
  to: 'assigned',
  at: '2026-11-30T08:01:00.000Z',
  by: 'vigil (dispatch)',
  priority: 'normal',
  assigneeId: 'eng-li',
  title: 'Bearing hot'
}

export const workOrderNotification = (overrides: Partial<WorkOrderEvent> = {}): NotificationEvent => ({ kind: 'work_order', id: 'work_order-1764489660000-0', workOrder: { ...WORK_ORDER_EVENT, ...overrides } })
