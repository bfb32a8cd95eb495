import { html, htmlPage } from './occupant-html.js'
import type { PageLanguage } from './occupant-language.js'

/** A page that only says something: a link that leads nowhere, too many reports. */
export function occupantMessagePage(lang: PageLanguage, title: string, paragraphs: readonly string[]): string {
  return htmlPage({ lang, title, body: html`<section class="alert">${paragraphs.map((text) => html`<p>${text}</p>`)}</section>` })
}

export function unknownCodePage(lang: PageLanguage): string {
  const { t } = lang
  return occupantMessagePage(lang, t('unknownCodeTitle'), [t('unknownCodeWhy'), t('unknownCodeWhatToDo')])
}

export function unknownFollowLinkPage(lang: PageLanguage): string {
  const { t } = lang
  return occupantMessagePage(lang, t('unknownLinkTitle'), [t('unknownLinkWhy'), t('unknownLinkWhatToDo')])
}

export function tooManyReportsPage(lang: PageLanguage, retryAfterMinutes: number, scope: 'address' | 'equipment'): string {
  const { t } = lang
  return occupantMessagePage(lang, t('tooManyTitle'), [
    t(scope === 'address' ? 'tooManyFromAddress' : 'tooManyForEquipment'),
    t(retryAfterMinutes === 1 ? 'retryInMinute' : 'retryInMinutes', { minutes: retryAfterMinutes })
  ])
}
