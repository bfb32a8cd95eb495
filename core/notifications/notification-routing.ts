import type { AlertSeverity } from '../domain/alert.js'
import { atLeast, notificationSeverity, notificationSiteId } from './notification-event.js'
import type { NotificationEvent } from './notification-event.js'
import type { Mention } from './notification-message.js'
import { STREAM_CHANNEL } from './notification-preferences.js'
import type { NotificationPreferences } from './notification-preferences.js'
import type { WebhookFilter } from './webhook-endpoint.js'

/** A person an event concerns, with what they asked for. */
export interface Addressee {
  mention: Mention
  preferences: NotificationPreferences
}

/** One delivery to make: the endpoint, and whom to name in it. */
export interface Route {
  endpointId: string
  mentions: Mention[]
}

/** An endpoint for escalations also receives reminders once they have climbed past whoever should act (supervisor, managers). */
export function endpointWants(filter: WebhookFilter, event: NotificationEvent): boolean {
  const climbed = event.kind === 'reminder' && event.reminder.rung !== 'assignee' && filter.kinds.includes('escalation')
  if (!filter.kinds.includes(event.kind) && !climbed) return false
  if (filter.sites.length > 0 && !filter.sites.includes(notificationSiteId(event))) return false
  return atLeast(notificationSeverity(event), filter.minSeverity)
}

function reaches(preferences: NotificationPreferences, severity: AlertSeverity, channel: string): boolean {
  return preferences.severities.includes(severity) && preferences.channels.includes(channel)
}

/**
 * Which endpoints get an event and whom each names: every endpoint whose filter matches, naming the
 * people it concerns who chose that endpoint as a channel for the event's severity.
 */
export function routeEvent(event: NotificationEvent, endpoints: readonly { id: string; filter: WebhookFilter }[], audience: readonly Addressee[]): Route[] {
  const severity = notificationSeverity(event)
  return endpoints
    .filter((endpoint) => endpointWants(endpoint.filter, event))
    .map((endpoint) => ({ endpointId: endpoint.id, mentions: audience.filter((person) => reaches(person.preferences, severity, endpoint.id)).map((person) => person.mention) }))
}

/** Whether the live stream shows the event to someone with these preferences. */
export function streamWants(preferences: NotificationPreferences, event: NotificationEvent): boolean {
  return reaches(preferences, notificationSeverity(event), STREAM_CHANNEL)
}

/** A site's engineer, as far as routing needs to know. */
export interface SiteEngineer {
  id: string
  supervisor: boolean
}

/** The engineers an event concerns: a site's engineers for its alerts; the assignee of work; the supervisor of an escalation; a reminder's recipients; nobody in particular for a notice to occupants. */
export function concernedEngineerIds(event: NotificationEvent, siteEngineers: readonly SiteEngineer[]): string[] {
  switch (event.kind) {
    case 'alert':
      return siteEngineers.map((engineer) => engineer.id)
    case 'work_order':
      return [...new Set([event.workOrder.assigneeId, event.workOrder.responsibleEngineerId].filter((id): id is string => id !== undefined))]
    case 'escalation':
      return event.escalation.supervisorId === undefined ? [] : [event.escalation.supervisorId]
    case 'notice':
      return []
    case 'reminder':
      return event.reminder.recipientIds
  }
}
