import { occupantText } from './occupant-messages.js'
import type { OccupantLanguage, OccupantText } from './occupant-messages.js'

/** The query parameter that picks the language of an occupant page, over the browser's. */
export const LANGUAGE_PARAM = 'lang'

/** Dates and times in the occupant's language (always in the site's time zone, which the caller gives). */
const DATE_LOCALES: Readonly<Record<OccupantLanguage, string>> = { en: 'en-GB', 'zh-CN': 'zh-CN' }

export interface LanguageChoice {
  language: OccupantLanguage
  /** Chosen with `?lang=` rather than by the browser: the page's links carry it on, since the browser would not ask for it again. */
  pinned: boolean
}

/** What an occupant page knows of its language: its words, its links and the switch to the other language. */
export interface PageLanguage {
  language: OccupantLanguage
  t: OccupantText
  /** A path (or URL) of this site's with the language carried on when the occupant chose it with `?lang=`. */
  link: (path: string) => string
  /** This page in the other language, for the switch at the top; undefined: no switch (a page that cannot be opened again). */
  switchHref?: string | undefined
  /** A moment, in the site's time zone, written the way the language writes it. */
  formatTime: (iso: string, timeZone: string) => string
}

/**
 * The language a tag stands for: any Chinese (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`…) is zh-CN, any
 * English is en; undefined for any other language and for the wildcard.
 */
export function languageOfTag(tag: string): OccupantLanguage | undefined {
  const primary = tag.trim().toLowerCase().split('-', 1)[0]
  if (primary === 'zh') return 'zh-CN'
  if (primary === 'en') return 'en'
  return undefined
}

/**
 * The language of an `Accept-Language` header (RFC 9110 §12.5.4): the one the browser ranks highest
 * (by `q`, ties in the order given) among those the pages speak; English when it names neither.
 * A range with `q=0` is one the browser refuses; a malformed `q` drops its range.
 */
export function languageOfAcceptLanguage(header: string | undefined): OccupantLanguage {
  if (header === undefined) return 'en'
  let best: { language: OccupantLanguage; q: number } | undefined
  for (const range of header.split(',')) {
    const [tag = '', ...params] = range.split(';')
    const language = languageOfTag(tag)
    if (language === undefined) continue
    const q = quality(params)
    if (q !== undefined && q > 0 && (best === undefined || q > best.q)) best = { language, q }
  }
  return best?.language ?? 'en'
}

function quality(params: readonly string[]): number | undefined {
  const q = params.map((param) => param.trim()).find((param) => /^q=/i.test(param))
  if (q === undefined) return 1
  const value = q.slice(2).trim()
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : undefined
}

/** `?lang=zh-CN` or `?lang=en` (any case, any Chinese or English tag) wins over the browser; anything else is ignored. */
export function chooseOccupantLanguage(acceptLanguage: string | undefined, requested: unknown): LanguageChoice {
  const pinned = typeof requested === 'string' ? languageOfTag(requested) : undefined
  return pinned === undefined ? { language: languageOfAcceptLanguage(acceptLanguage), pinned: false } : { language: pinned, pinned: true }
}

/**
 * The language of the page answering a request: `requestUrl` is its path and query as received
 * (fastify's `request.url`), which also gives the switch's link: the same address with `lang` set to the
 * other language, every other parameter kept.
 */
export function pageLanguage(requestUrl: string, acceptLanguage: string | undefined): PageLanguage {
  const queryAt = requestUrl.indexOf('?')
  const path = queryAt === -1 ? requestUrl : requestUrl.slice(0, queryAt)
  const query = new URLSearchParams(queryAt === -1 ? '' : requestUrl.slice(queryAt + 1))
  const { language, pinned } = chooseOccupantLanguage(acceptLanguage, query.get(LANGUAGE_PARAM) ?? undefined)
  query.set(LANGUAGE_PARAM, language === 'en' ? 'zh-CN' : 'en')
  const dateFormat = (timeZone: string) => new Intl.DateTimeFormat(DATE_LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone })
  return {
    language,
    t: occupantText(language),
    link: (target) => (pinned ? `${target}${target.includes('?') ? '&' : '?'}${LANGUAGE_PARAM}=${language}` : target),
    // Only a path of this site's: a request line such as `//elsewhere` never becomes a link away.
    switchHref: path.startsWith('/') && !path.startsWith('//') ? `${path}?${query.toString()}` : undefined,
    formatTime: (iso, timeZone) => {
      try {
        return dateFormat(timeZone).format(new Date(iso))
      } catch {
        return iso
      }
    }
  }
}
