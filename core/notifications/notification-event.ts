import type { AlertEvent, AlertSeverity } from '../domain/alert.js'
import type { WorkOrderPriority } from '../domain/work-order.js'
import type { Notice } from '../notices/notice.js'
import type { EscalationEvent } from './escalation-event.js'
import type { WorkOrderEvent } from './work-order-event.js'

/** What a webhook endpoint can subscribe to. */
export const NOTIFICATION_KINDS = ['alert', 'work_order', 'escalation', 'notice', 'reminder'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** The rungs a reminder climbs while nobody answers: whoever should act, the site's supervisor, the managers. */
export const LADDER_RUNGS = ['assignee', 'supervisor', 'managers'] as const
export type LadderRung = (typeof LADDER_RUNGS)[number]

/** A manager's notice to occupants posted or withdrawn, as the notice stream (`{prefix}:notice-events`) holds it. */
export interface NoticeEvent {
  kind: 'posted' | 'withdrawn'
  notice: Notice
}

/** A reminder that an alert is still unacknowledged or a work order still not accepted. */
export interface Reminder {
  at: string
  siteId: string
  severity: AlertSeverity
  title: string
  text: string
  /** What it is about. */
  subject: { kind: 'alert' | 'work_order'; id: string }
  rung: LadderRung
  /** 1 for the first reminder on this rung. */
  reminder: number
  /** The engineers it is addressed to (empty on the managers' rung: every manager's channel). */
  recipientIds: string[]
}

/** One thing that happened, as notifications carry it; `id` is unique and stable (a stream id or a notice's own). */
export type NotificationEvent =
  | { kind: 'alert'; id: string; alert: AlertEvent }
  | { kind: 'work_order'; id: string; workOrder: WorkOrderEvent }
  | { kind: 'escalation'; id: string; escalation: EscalationEvent }
  | { kind: 'notice'; id: string; notice: NoticeEvent }
  | { kind: 'reminder'; id: string; reminder: Reminder }

const PRIORITY_SEVERITY: Readonly<Record<WorkOrderPriority, AlertSeverity>> = { urgent: 'critical', normal: 'warning', low: 'info' }

/** A work order's priority on the severity scale: urgent reads as critical, normal as warning, low as info. */
export function prioritySeverity(priority: WorkOrderPriority): AlertSeverity {
  return PRIORITY_SEVERITY[priority]
}

/** One scale for every kind, so one preference filters them all: a work order's priority reads as a severity, an escalation is critical, a notice to occupants info. */
export function notificationSeverity(event: NotificationEvent): AlertSeverity {
  switch (event.kind) {
    case 'alert':
      return event.alert.severity
    case 'work_order':
      return prioritySeverity(event.workOrder.priority)
    case 'escalation':
      return 'critical'
    case 'notice':
      return 'info'
    case 'reminder':
      return event.reminder.severity
  }
}

export function notificationSiteId(event: NotificationEvent): string {
  switch (event.kind) {
    case 'alert':
      return event.alert.siteId
    case 'work_order':
      return event.workOrder.siteId
    case 'escalation':
      return event.escalation.siteId
    case 'notice':
      return event.notice.notice.siteId
    case 'reminder':
      return event.reminder.siteId
  }
}

export function notificationAt(event: NotificationEvent): string {
  switch (event.kind) {
    case 'alert':
      return event.alert.at
    case 'work_order':
      return event.workOrder.at
    case 'escalation':
      return event.escalation.escalatedAt
    case 'notice':
      return event.notice.notice.createdAt
    case 'reminder':
      return event.reminder.at
  }
}

const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, critical: 2 }

export function atLeast(severity: AlertSeverity, minimum: AlertSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum]
}
