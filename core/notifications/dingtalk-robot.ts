import { createHmac } from 'node:crypto'
import type { Mention, NotificationMessage } from './notification-message.js'

/**
 * A DingTalk custom robot's markdown message. A person is alerted only when their phone is both in
 * `at.atMobiles` and written as `@phone` in the text.
 */
export function dingTalkPayload(message: NotificationMessage, mentions: readonly Mention[]): object {
  const phones = mentions.flatMap((mention) => (mention.phone === undefined ? [] : [mention.phone]))
  const mentionLine = phones.length === 0 ? [] : [phones.map((phone) => `@${phone}`).join(' ')]
  return {
    msgtype: 'markdown',
    markdown: { title: message.title, text: [`#### ${message.title}`, ...message.lines.map((line) => `- ${line}`), ...mentionLine].join('\n\n') },
    at: { atMobiles: phones, isAtAll: false }
  }
}

/**
 * A robot with "additional signature" security: `timestamp` (ms) and `sign` =
 * base64(HMAC-SHA256(key: secret, text: `${timestamp}\n${secret}`)), URL-encoded, as query parameters.
 * DingTalk refuses a timestamp more than an hour off.
 */
export function dingTalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64')
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`
}
