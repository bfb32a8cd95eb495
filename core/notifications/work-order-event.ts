import type { WorkOrderPriority, WorkOrderStatus } from '../domain/work-order.js'

/**
 * One change of a work order, appended to `{prefix}:work-order-events` by the repository's Lua
 * scripts in the same atomic step as the change, so the live stream and notifications never see
 * a change that was not stored, nor miss one that was.
 */
export interface WorkOrderEvent {
  workOrderId: string
  siteId: string
  equipmentId: string
  /** The audit action: create, assign, accept, …, or note, photo, check_in, escalate, alert_joined. */
  action: string
  from: WorkOrderStatus
  to: WorkOrderStatus
  at: string
  by: string
  priority: WorkOrderPriority
  /** Who it is assigned to after the change. */
  assigneeId?: string
  /** Who accepted it first (stays until it closes). */
  responsibleEngineerId?: string
  title: string
}

/** An event as stored, with its stream id. */
export interface LoggedWorkOrderEvent {
  id: string
  event: WorkOrderEvent
}
