import { html, htmlPage } from './occupant-html.js'

/** A page that only says something: a link that leads nowhere, too many reports. */
export function occupantMessagePage(title: string, paragraphs: readonly string[]): string {
  return htmlPage({ title, body: html`<section class="alert">${paragraphs.map((text) => html`<p>${text}</p>`)}</section>` })
}

export function unknownCodePage(): string {
  return occupantMessagePage('This code is not in use', [
    'The QR code you scanned does not belong to any equipment we look after: it may have been replaced by a new sticker, or mistyped.',
    'Scan the sticker on the equipment again. If it still does not work, tell the building reception or the maintenance team what is wrong and where.'
  ])
}

export function unknownFollowLinkPage(): string {
  return occupantMessagePage('This link is not valid', [
    'We could not find a report for this link. Check that you opened the whole link, exactly as you received it.',
    'If you lost it, scan the equipment\'s QR code and report the problem again.'
  ])
}

export function tooManyReportsPage(retryAfterMinutes: number, scope: 'address' | 'equipment'): string {
  const who = scope === 'address' ? 'You have sent several reports about this equipment' : 'This equipment has received many reports'
  return occupantMessagePage('Too many reports', [
    `${who} recently, so we are not taking more for now. The maintenance team has them.`,
    `Please try again in about ${retryAfterMinutes} minute${retryAfterMinutes === 1 ? '' : 's'}. If it is an emergency, call the building's emergency number.`
  ])
}
