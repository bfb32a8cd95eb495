import { dingTalkPayload, dingTalkSignedUrl } from './dingtalk-robot.js'
import { genericJsonPayload } from './generic-json.js'
import type { NotificationEvent } from './notification-event.js'
import { notificationMessage } from './notification-message.js'
import type { Mention } from './notification-message.js'
import { slackPayload } from './slack-message.js'
import type { StoredWebhookEndpoint } from './webhook-endpoint.js'
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js'
import { weComPayload } from './wecom-robot.js'

/** The HTTP POST that delivers one event to one endpoint. */
export interface WebhookRequest {
  url: string
  headers: Record<string, string>
  body: string
}

/** Builds (and signs, at `nowMs`) the request for an endpoint in its format. Signed anew on every attempt, so a retry is never stale. */
export function webhookRequest(endpoint: StoredWebhookEndpoint, event: NotificationEvent, mentions: readonly Mention[], nowMs: number): WebhookRequest {
  const message = notificationMessage(event)
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'vigil-webhooks/1' }
  switch (endpoint.format) {
    case 'json': {
      const body = JSON.stringify(genericJsonPayload(event, message, mentions))
      headers['x-vigil-event'] = event.kind
      headers['x-vigil-event-id'] = event.id
      if (endpoint.secret !== undefined) headers[SIGNATURE_HEADER] = signatureHeader(body, endpoint.secret, Math.floor(nowMs / 1000))
      return { url: endpoint.url, headers, body }
    }
    case 'dingtalk':
      return { url: endpoint.secret === undefined ? endpoint.url : dingTalkSignedUrl(endpoint.url, endpoint.secret, nowMs), headers, body: JSON.stringify(dingTalkPayload(message, mentions)) }
    case 'wecom':
      return { url: endpoint.url, headers, body: JSON.stringify(weComPayload(message, mentions)) }
    case 'slack':
      return { url: endpoint.url, headers, body: JSON.stringify(slackPayload(message, mentions)) }
  }
}

/**
 * Whether an answer means delivered: a 2xx, except that DingTalk and WeCom robots answer 200 with a
 * non-zero `errcode` when they refuse a message (bad signature, too many per minute).
 */
export function deliveryAccepted(statusCode: number, responseBody: string): { ok: true } | { ok: false; error: string } {
  if (statusCode < 200 || statusCode > 299) return { ok: false, error: `HTTP ${statusCode}${responseBody === '' ? '' : `: ${responseBody.slice(0, 200)}`}` }
  const refusal = /"errcode"\s*:\s*(-?\d+)/.exec(responseBody)
  if (refusal !== null && refusal[1] !== '0') return { ok: false, error: `the robot refused the message: ${responseBody.slice(0, 200)}` }
  return { ok: true }
}
