import type { AlertSeverity } from '../domain/alert.js'
import type { NotificationKind } from './notification-event.js'

/** How a webhook's body is shaped: Vigil's own signed JSON, or a chat robot's message. */
export const WEBHOOK_FORMATS = ['json', 'dingtalk', 'wecom', 'slack'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]

/** Which events an endpoint receives: all of its filters must match. */
export interface WebhookFilter {
  /** Only these sites; empty: every site. */
  sites: string[]
  kinds: NotificationKind[]
  minSeverity: AlertSeverity
}

/** A webhook as the API shows it: never the secret. */
export interface WebhookEndpoint {
  id: string
  name: string
  format: WebhookFormat
  url: string
  filter: WebhookFilter
  /** Whether a secret is kept (it signs json bodies and DingTalk requests). */
  hasSecret: boolean
  createdAt: string
  updatedAt: string
}

/** As stored: the secret must be kept in clear, since Vigil signs with it. */
export interface StoredWebhookEndpoint extends WebhookEndpoint {
  secret?: string
}

/** The endpoint without its secret. */
export function publicEndpoint(stored: StoredWebhookEndpoint): WebhookEndpoint {
  const { secret: _secret, ...shown } = stored
  return shown
}
