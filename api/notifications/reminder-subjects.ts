import type { AlertStore } from '../../core/alerts/alert-store.js'
import type { Engineer } from '../../core/domain/engineer.js'
import { prioritySeverity } from '../../core/notifications/notification-event.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'
import type { ReminderSubject, SubjectState } from './reminders.js'

export interface ReminderSubjectsDeps {
  alerts: AlertStore
  workOrders: WorkOrderRepository
  engineers: EngineerStore
  supervisorOf: (siteId: string) => Promise<Engineer | undefined>
}

/** Reads where an alert or a work order stands for its reminder ladder. */
export function reminderSubjectState(deps: ReminderSubjectsDeps): (subject: ReminderSubject) => Promise<SubjectState | undefined> {
  return async (subject) => {
    if (subject.kind === 'work_order') {
      const order = await deps.workOrders.get(subject.id)
      if (order === undefined) return undefined
      const supervisor = await deps.supervisorOf(order.siteId)
      return {
        unanswered: order.status === 'assigned' && order.assigneeId === subject.assigneeId && order.acceptedAt === undefined,
        siteId: order.siteId,
        severity: prioritySeverity(order.priority),
        label: `work order ${order.id} (${order.title})`,
        actors: order.assigneeId === undefined ? [] : [order.assigneeId],
        ...(supervisor === undefined ? {} : { supervisorId: supervisor.id })
      }
    }
    const alert = await deps.alerts.get(subject.id)
    if (alert === undefined) return undefined
    const supervisor = await deps.supervisorOf(alert.siteId)
    const order = alert.workOrderId === undefined ? undefined : await deps.workOrders.get(alert.workOrderId)
    const actors = order?.assigneeId !== undefined ? [order.assigneeId] : (await deps.engineers.list({ siteId: alert.siteId })).map((engineer) => engineer.id).filter((id) => id !== supervisor?.id)
    return {
      unanswered: alert.status === 'open',
      siteId: alert.siteId,
      severity: alert.severity,
      label: `alert ${alert.id} on ${alert.equipmentId} (${alert.explanation.message})`,
      actors,
      ...(supervisor === undefined ? {} : { supervisorId: supervisor.id })
    }
  }
}
