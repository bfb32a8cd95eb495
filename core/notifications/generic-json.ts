import type { NotificationEvent } from './notification-event.js'
import type { Mention, NotificationMessage } from './notification-message.js'

/** Vigil's own webhook body: the readable message and the event itself, for receivers that act on it. */
export function genericJsonPayload(event: NotificationEvent, message: NotificationMessage, mentions: readonly Mention[]): object {
  const { id, kind, ...record } = event
  return { id, kind, severity: message.severity, siteId: message.siteId, at: message.at, title: message.title, text: message.lines.join('\n'), mentions, event: record }
}
