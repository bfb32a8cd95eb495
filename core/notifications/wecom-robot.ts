import type { AlertSeverity } from '../domain/alert.js'
import type { Mention, NotificationMessage } from './notification-message.js'

/** WeCom markdown knows three font colours. */
const COLOUR: Readonly<Record<AlertSeverity, string>> = { critical: 'warning', warning: 'comment', info: 'info' }

/** WeCom refuses markdown content over 4096 bytes. */
const MAX_CONTENT_BYTES = 4096

/**
 * A WeCom group robot's markdown message. The robot's key in its URL is its only credential (WeCom
 * robots are not signed); markdown messages cannot @-mention, so people are named in the text.
 */
export function weComPayload(message: NotificationMessage, mentions: readonly Mention[]): object {
  const lines = [`**<font color="${COLOUR[message.severity]}">${message.title}</font>**`, ...message.lines.map((line) => `> ${line}`)]
  if (mentions.length > 0) lines.push(`for ${mentions.map((mention) => mention.name).join(', ')}`)
  return { msgtype: 'markdown', markdown: { content: truncateBytes(lines.join('\n'), MAX_CONTENT_BYTES) } }
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let cut = text
  while (Buffer.byteLength(cut) > maxBytes - 3) cut = cut.slice(0, -1)
  return `${cut}...`
}
