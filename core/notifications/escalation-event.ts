import type { WorkOrderPriority } from '../domain/work-order.js'

/**
 * An entry of the escalation log (`{prefix}:escalations`, written by the API's response
 * escalation): a work order nobody answered in time, or nobody could be given.
 */
export interface EscalationEvent {
  workOrderId: string
  siteId: string
  equipmentId: string
  priority: WorkOrderPriority
  dueAt: string
  escalatedAt: string
  reason: 'deadline_missed' | 'nobody_available'
  supervisorId?: string
}
