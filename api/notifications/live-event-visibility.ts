import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import type { NotificationEvent } from '../../core/notifications/notification-event.js'

/**
 * Who sees what on the live stream, as on the REST API: staff see every alert; managers, admins and
 * the service account every work-order change; an engineer only changes of their own work (assigned
 * to them, or theirs since they accepted it) and of work nobody has yet — like visibleToEngineer in
 * work-order-permissions.ts. Requesters see nothing of the staff stream.
 */
export function liveEventVisible(viewer: Pick<ApiPrincipal, 'role' | 'engineerId'>, event: NotificationEvent): boolean {
  if (viewer.role === 'admin' || viewer.role === 'manager' || viewer.role === 'service') return true
  if (viewer.role !== 'engineer' || viewer.engineerId === undefined) return false
  if (event.kind === 'alert') return true
  if (event.kind !== 'work_order') return false
  const order = event.workOrder
  const unassigned = order.assigneeId === undefined && (order.to === 'open' || order.to === 'reopened')
  return order.assigneeId === viewer.engineerId || order.responsibleEngineerId === viewer.engineerId || unassigned
}
