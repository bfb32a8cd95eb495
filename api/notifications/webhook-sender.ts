import type { DeliveryAttempt, DeliveryLog } from '../../core/notifications/delivery-log.js'
import type { NotificationEvent } from '../../core/notifications/notification-event.js'
import type { Mention } from '../../core/notifications/notification-message.js'
import type { StoredWebhookEndpoint } from '../../core/notifications/webhook-endpoint.js'
import { deliveryAccepted, webhookRequest } from '../../core/notifications/webhook-request.js'

export interface WebhookSenderDeps {
  log: DeliveryLog
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number
  now?: () => number
}

/** One attempt: which of a delivery's attempts this is, and whether another follows if it fails. */
export interface AttemptInfo {
  deliveryId: string
  attempt: number
  lastAttempt: boolean
}

/**
 * POSTs one event to one endpoint once and records the attempt in the endpoint's delivery log,
 * whatever happened. Redirects are not followed: a webhook that moved is an error to fix, not a
 * request to send elsewhere.
 */
export class WebhookSender {
  private readonly now: () => number

  constructor(private readonly deps: WebhookSenderDeps) {
    this.now = deps.now ?? Date.now
  }

  async send(endpoint: StoredWebhookEndpoint, event: NotificationEvent, mentions: readonly Mention[], info: AttemptInfo): Promise<DeliveryAttempt> {
    const started = this.now()
    const request = webhookRequest(endpoint, event, mentions, started)
    let statusCode: number | undefined
    let error: string | undefined
    try {
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(this.deps.timeoutMs) })
      statusCode = response.status
      const verdict = deliveryAccepted(response.status, await response.text())
      if (!verdict.ok) error = verdict.error
    } catch (cause) {
      error = cause instanceof Error && cause.name === 'TimeoutError' ? `no answer within ${this.deps.timeoutMs} ms` : `could not reach ${new URL(endpoint.url).host}: ${describe(cause)}`
    }
    const attempt: DeliveryAttempt = {
      deliveryId: info.deliveryId,
      eventId: event.id,
      eventKind: event.kind,
      attempt: info.attempt,
      at: new Date(started).toISOString(),
      outcome: error === undefined ? 'delivered' : info.lastAttempt ? 'failed' : 'retrying',
      durationMs: this.now() - started,
      ...(statusCode === undefined ? {} : { statusCode }),
      ...(error === undefined ? {} : { error })
    }
    await this.deps.log.record(endpoint.id, attempt)
    return attempt
  }
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  const inner = (cause as Error & { cause?: unknown }).cause
  return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message
}
