import type { WorkOrder, WorkOrderResolution, WorkOrderStatus } from './work-order.js'

/** What can be done to a work order; each moves it to one status. */
export const WORK_ORDER_ACTIONS = ['assign', 'accept', 'decline', 'start', 'resolve', 'close', 'cancel', 'reopen'] as const
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number]

/**
 * The lifecycle as data: from which statuses each action may be taken, and where it leads.
 * assign also reassigns (a manager moving accepted work to someone else); decline hands an
 * assignment back to be dispatched again; start is the engineer beginning work (or checking in
 * at the equipment); reopen takes resolved or closed work back when it was not fixed after all.
 */
export const WORK_ORDER_MOVES: Readonly<Record<WorkOrderAction, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }>> = {
  assign: { from: ['open', 'assigned', 'accepted', 'reopened'], to: 'assigned' },
  accept: { from: ['assigned'], to: 'accepted' },
  decline: { from: ['assigned'], to: 'open' },
  start: { from: ['accepted', 'reopened'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  cancel: { from: ['open', 'assigned', 'accepted', 'in_progress', 'reopened'], to: 'cancelled' },
  reopen: { from: ['resolved', 'closed'], to: 'reopened' }
}

/** The status an action leads to from `status`, or undefined if it is not allowed there. */
export function nextStatus(status: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus | undefined {
  const move = WORK_ORDER_MOVES[action]
  return move.from.includes(status) ? move.to : undefined
}

/** The actions allowed from a status, in lifecycle order. */
export function allowedActions(status: WorkOrderStatus): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((action) => WORK_ORDER_MOVES[action].from.includes(status))
}

/** What an action carries besides itself. */
export interface ActionInput {
  /** assign: to whom. */
  engineerId?: string
  /** resolve: how it ended. */
  resolution?: WorkOrderResolution
}

/**
 * The work order after `action` (which must be allowed from its status): the new status, the
 * times and people the action sets, and the version bumped. Pure.
 */
export function applyAction(workOrder: WorkOrder, action: WorkOrderAction, input: ActionInput, at: string): WorkOrder {
  const to = nextStatus(workOrder.status, action)
  if (to === undefined) throw new Error(`${action} is not allowed from ${workOrder.status}`)
  const next: WorkOrder = { ...workOrder, status: to, version: workOrder.version + 1 }
  switch (action) {
    case 'assign':
      if (input.engineerId === undefined) throw new Error('assign needs an engineer')
      next.assigneeId = input.engineerId
      next.assignedAt = at
      break
    case 'accept':
      next.acceptedAt ??= at
      next.responsibleEngineerId ??= workOrder.assigneeId
      break
    case 'decline':
      // Dispatch passes over whoever declined when it looks for someone else.
      if (workOrder.assigneeId !== undefined && !(workOrder.declinedBy ?? []).includes(workOrder.assigneeId)) next.declinedBy = [...(workOrder.declinedBy ?? []), workOrder.assigneeId]
      delete next.assigneeId
      delete next.assignedAt
      break
    case 'start':
      next.startedAt ??= at
      // Reopened work is resumed by the engineer responsible for it.
      if (workOrder.status === 'reopened' && workOrder.responsibleEngineerId !== undefined) next.assigneeId = workOrder.responsibleEngineerId
      break
    case 'resolve':
      if (input.resolution === undefined) throw new Error('resolve needs a resolution')
      next.resolvedAt = at
      next.resolution = input.resolution
      break
    case 'close':
      next.closedAt = at
      break
    case 'cancel':
      next.cancelledAt = at
      break
    case 'reopen':
      next.reopenedAt = at
      delete next.resolvedAt
      delete next.closedAt
      delete next.resolution
      delete next.declinedBy
      if (workOrder.responsibleEngineerId !== undefined) next.assigneeId = workOrder.responsibleEngineerId
      break
  }
  return next
}
