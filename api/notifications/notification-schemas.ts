import { Type } from '@sinclair/typebox'
import { ALERT_SEVERITIES } from '../../core/domain/alert.js'
import { DELIVERY_OUTCOMES } from '../../core/notifications/delivery-log.js'
import { NOTIFICATION_KINDS } from '../../core/notifications/notification-event.js'
import { WEBHOOK_FORMATS } from '../../core/notifications/webhook-endpoint.js'
import { Id, IsoTime, literals } from '../schemas.js'

/** Request and response shapes of the notification routes. */

export const WebhookId = Type.String({ pattern: '^wh_[0-9a-f]{16}$', examples: ['wh_3f9a1c0b7d2e4a61'] })

const WebhookFilterSchema = Type.Object(
  {
    sites: Type.Array(Id, { description: 'Only events of these sites; empty: every site', default: [] }),
    kinds: Type.Array(literals(NOTIFICATION_KINDS), { description: 'alert: alert events; work_order: every work-order change; escalation: missed deadlines, and reminders past the assignee; notice: notices to occupants posted or withdrawn; reminder: reminders of unacknowledged alerts and unaccepted work', default: [...NOTIFICATION_KINDS] }),
    minSeverity: Type.Union(ALERT_SEVERITIES.map((severity) => Type.Literal(severity)), { description: 'Least severity sent (work-order priority reads as severity: urgent = critical, normal = warning, low = info)', default: 'info' })
  },
  { additionalProperties: false }
)

export const WebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, examples: ['Harbour View duty group'] }),
    format: literals(WEBHOOK_FORMATS),
    url: Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL the events are POSTed to', examples: ['https://oapi.dingtalk.com/robot/send?access_token=6c3f0a...'] }),
    secret: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 200,
        description: 'json: the HMAC key of X-Vigil-Signature (made for you when left out, and shown once); dingtalk: the robot\'s "additional signature" secret (SEC…); not used by wecom and slack. Kept by Vigil to sign; never shown again.',
        examples: ['SEC1b2c3d4e5f60718293a4b5c6d7e8f9']
      })
    ),
    filter: Type.Optional(Type.Partial(WebhookFilterSchema, { additionalProperties: false }))
  },
  { additionalProperties: false, examples: [{ name: 'Harbour View duty group', format: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=6c3f0a', secret: 'SEC1b2c3d4e5f60718293a4b5c6d7e8f9', filter: { sites: ['harbour-view'], kinds: ['alert', 'escalation', 'reminder'], minSeverity: 'warning' } }] }
)

export const WebhookSchema = Type.Object(
  {
    id: WebhookId,
    name: Type.String(),
    format: literals(WEBHOOK_FORMATS),
    url: Type.String(),
    filter: WebhookFilterSchema,
    hasSecret: Type.Boolean(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    secret: Type.Optional(Type.String({ description: 'Only in the answer that created it, when Vigil made it' }))
  },
  { $id: 'Webhook' }
)

export const DeliveryAttemptSchema = Type.Object(
  {
    deliveryId: Type.String({ examples: ['alert-1764489600000-0-wh_3f9a1c0b7d2e4a61'] }),
    eventId: Type.String(),
    eventKind: literals(NOTIFICATION_KINDS),
    attempt: Type.Integer({ minimum: 1 }),
    at: IsoTime,
    outcome: literals(DELIVERY_OUTCOMES),
    statusCode: Type.Optional(Type.Integer()),
    error: Type.Optional(Type.String()),
    durationMs: Type.Integer()
  },
  { $id: 'WebhookDeliveryAttempt' }
)

export const PreferencesBody = Type.Object(
  {
    severities: Type.Array(literals(ALERT_SEVERITIES), { uniqueItems: true, description: 'Severities that reach you (work-order priority reads as severity)' }),
    channels: Type.Array(Type.String({ maxLength: 100, examples: ['stream', 'wh_3f9a1c0b7d2e4a61'] }), {
      maxItems: 50,
      uniqueItems: true,
      description: '`stream`: the live stream GET /api/v1/events; a webhook id: that webhook names you (DingTalk @-mentions your phone)'
    })
  },
  { additionalProperties: false, examples: [{ severities: ['warning', 'critical'], channels: ['stream', 'wh_3f9a1c0b7d2e4a61'] }] }
)

export const PreferencesSchema = Type.Object(
  {
    ownerId: Type.String({ description: 'Your engineer id, or your token id when the token is not an engineer\'s' }),
    severities: Type.Array(literals(ALERT_SEVERITIES)),
    channels: Type.Array(Type.String())
  },
  { $id: 'NotificationPreferences' }
)
