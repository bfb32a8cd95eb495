import type { WorkOrder } from './work-order.js'

/** Whether the work order was responded to (accepted) in time. */
export type DeadlineState = 'pending' | 'met' | 'missed' | 'cancelled'

/** The response deadline's state at `nowMs`: met if accepted by responseDueAt; missed once it passed without; pending until then. */
export function deadlineState(workOrder: WorkOrder, nowMs: number): DeadlineState {
  const due = Date.parse(workOrder.responseDueAt)
  if (workOrder.acceptedAt !== undefined) return Date.parse(workOrder.acceptedAt) <= due ? 'met' : 'missed'
  if (workOrder.escalatedAt !== undefined) return 'missed'
  if (workOrder.status === 'cancelled') return Date.parse(workOrder.cancelledAt ?? workOrder.createdAt) <= due ? 'cancelled' : 'missed'
  return nowMs <= due ? 'pending' : 'missed'
}
