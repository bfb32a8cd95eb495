import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import type { WorkOrderAction } from '../../core/domain/work-order-lifecycle.js'
import type { WorkOrder } from '../../core/domain/work-order.js'

/** What a caller wants to do to a work order; for assign, to whom. */
export interface WorkOrderIntent {
  action: WorkOrderAction
  engineerId?: string
}

/**
 * Who may take which action, as a reason it is refused (undefined: allowed). Managers and admins
 * run everything. Engineers work their own orders — accept, decline, start, resolve what is
 * assigned to them, resume what they are responsible for — and may take unassigned work for
 * themselves. The service account dispatches (assign) and reopens for the verification window.
 */
export function refusal(principal: ApiPrincipal, workOrder: WorkOrder, intent: WorkOrderIntent): string | undefined {
  const { role } = principal
  if (role === 'admin' || role === 'manager') return undefined
  if (role === 'service') return intent.action === 'assign' || intent.action === 'reopen' ? undefined : `the service account may only assign and reopen, not ${intent.action}`
  if (role !== 'engineer') return `role ${role} may not change work orders`
  const me = principal.engineerId
  if (me === undefined) return 'this engineer token is not bound to an engineer; ask an admin for a token with an engineer id'
  switch (intent.action) {
    case 'assign':
      if (intent.engineerId !== me) return 'an engineer may only take work for themselves; a manager reassigns'
      return isUnassigned(workOrder) ? undefined : `work order ${workOrder.id} is assigned to someone else; a manager reassigns`
    case 'accept':
    case 'decline':
    case 'resolve':
      return workOrder.assigneeId === me ? undefined : `work order ${workOrder.id} is not assigned to you`
    case 'start':
      return workOrder.assigneeId === me || workOrder.responsibleEngineerId === me ? undefined : `work order ${workOrder.id} is not yours`
    case 'close':
    case 'cancel':
    case 'reopen':
      return `only a manager may ${intent.action} a work order`
  }
}

/** Work an engineer may see: theirs, and what nobody has yet. */
export function visibleToEngineer(workOrder: WorkOrder, engineerId: string | undefined): boolean {
  if (engineerId === undefined) return false
  return workOrder.assigneeId === engineerId || workOrder.responsibleEngineerId === engineerId || isUnassigned(workOrder)
}

function isUnassigned(workOrder: WorkOrder): boolean {
  return workOrder.assigneeId === undefined && (workOrder.status === 'open' || workOrder.status === 'reopened')
}

/** Field work is for the engineer on it and for managers; nobody adds to finished work. */
export function fieldWorkRefusal(principal: ApiPrincipal, workOrder: WorkOrder): string | undefined {
  if (workOrder.status === 'closed' || workOrder.status === 'cancelled') return `work order ${workOrder.id} is ${workOrder.status}`
  if (principal.role === 'admin' || principal.role === 'manager') return undefined
  if (principal.role !== 'engineer') return `role ${principal.role} may not add to work orders`
  const me = principal.engineerId
  return me !== undefined && (workOrder.assigneeId === me || workOrder.responsibleEngineerId === me) ? undefined : `work order ${workOrder.id} is not yours`
}
