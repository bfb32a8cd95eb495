import type { NotificationEvent } from './notification-event.js'
import { notificationAt, notificationSeverity, notificationSiteId } from './notification-event.js'
import type { AlertSeverity } from '../domain/alert.js'

/** What every format shows of an event: a title and a few plain lines (each format marks them up its own way). */
export interface NotificationMessage {
  title: string
  lines: string[]
  severity: AlertSeverity
  siteId: string
  at: string
}

/** A person a message names, so their chat app alerts them (DingTalk by phone; others by name). */
export interface Mention {
  id: string
  name: string
  phone?: string
}

export function notificationMessage(event: NotificationEvent): NotificationMessage {
  const common = { severity: notificationSeverity(event), siteId: notificationSiteId(event), at: notificationAt(event) }
  switch (event.kind) {
    case 'alert': {
      const alert = event.alert
      return {
        ...common,
        title: `[${alert.severity}] alert ${alert.kind}: ${alert.equipmentId}`,
        lines: [alert.message, `rule ${alert.ruleId}, site ${alert.siteId}, building ${alert.buildingId}`, `alert ${alert.alertId} at ${alert.at}${alert.by === undefined ? '' : ` by ${alert.by}`}`]
      }
    }
    case 'work_order': {
      const order = event.workOrder
      return {
        ...common,
        title: `[${order.priority}] work order ${order.workOrderId} ${order.action}: ${order.title}`,
        lines: [
          `${order.from} → ${order.to} by ${order.by} at ${order.at}`,
          `equipment ${order.equipmentId}, site ${order.siteId}`,
          ...(order.assigneeId === undefined ? [] : [`assigned to ${order.assigneeId}`])
        ]
      }
    }
    case 'escalation': {
      const escalation = event.escalation
      const why = escalation.reason === 'deadline_missed' ? `not accepted by ${escalation.dueAt}` : 'nobody qualified is on shift'
      return {
        ...common,
        title: `[escalation] work order ${escalation.workOrderId}: ${why}`,
        lines: [`equipment ${escalation.equipmentId}, site ${escalation.siteId}, priority ${escalation.priority}`, `escalated at ${escalation.escalatedAt} to ${escalation.supervisorId ?? 'the site supervisor (none registered)'}`]
      }
    }
    case 'notice': {
      const { kind, notice } = event.notice
      return {
        ...common,
        title: `[notice ${kind}] ${notice.title}`,
        lines: [notice.message, `${notice.startsAt} – ${notice.endsAt}, site ${notice.siteId}${notice.buildingId === undefined ? '' : `, building ${notice.buildingId}`}`]
      }
    }
    case 'reminder': {
      const reminder = event.reminder
      return { ...common, title: reminder.title, lines: [reminder.text, `reminder ${reminder.reminder} to the ${reminder.rung}`] }
    }
  }
}
