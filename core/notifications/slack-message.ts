import type { Mention, NotificationMessage } from './notification-message.js'

/** A Slack incoming-webhook message: `text` for notifications and old clients, `blocks` for the layout. */
export function slackPayload(message: NotificationMessage, mentions: readonly Mention[]): object {
  const forWhom = mentions.length === 0 ? '' : `\nfor ${mentions.map((mention) => mention.name).join(', ')}`
  return {
    text: message.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `${message.lines.join('\n')}${forWhom}` } }
    ]
  }
}
