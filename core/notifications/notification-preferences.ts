import { ALERT_SEVERITIES } from '../domain/alert.js'
import type { AlertSeverity } from '../domain/alert.js'

/** The live stream (GET /api/v1/events) as a channel; any other channel is a webhook endpoint id. */
export const STREAM_CHANNEL = 'stream'

/**
 * What reaches one person: events of these severities (a work order's priority reads as a
 * severity), on these channels — the live stream, and the webhook endpoints that should name them
 * (DingTalk @-mentions their phone; the others name them).
 */
export interface NotificationPreferences {
  severities: AlertSeverity[]
  channels: string[]
}

/** Someone who has chosen nothing gets everything on the stream and is named on no webhook. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { severities: [...ALERT_SEVERITIES], channels: [STREAM_CHANNEL] }
