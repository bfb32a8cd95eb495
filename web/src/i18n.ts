import { ANALYTICS_MESSAGES } from './messages/analytics.messages.js'
import { FRAME_MESSAGES } from './messages/frame.messages.js'
import { OVERVIEW_MESSAGES } from './messages/overview.messages.js'
import { EQUIPMENT_MESSAGES } from './messages/equipment.messages.js'
import { WORK_MESSAGES } from './messages/work.messages.js'
import { SIGN_IN_MESSAGES } from './messages/sign-in.messages.js'

/** Every area's strings, merged: each page's table lives in messages/<area>.messages.ts. */
export const AREAS = [FRAME_MESSAGES, SIGN_IN_MESSAGES, OVERVIEW_MESSAGES, EQUIPMENT_MESSAGES, WORK_MESSAGES, ANALYTICS_MESSAGES] as const

type English = (typeof AREAS)[number]['en']
type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never
export type MessageKey = keyof UnionToIntersection<English>
export type Locale = 'en' | 'zh-CN'

const DICTIONARY: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...AREAS.map((area) => area.en)) as Record<string, string>,
  'zh-CN': Object.assign({}, ...AREAS.map((area) => area['zh-CN'])) as Record<string, string>
}

export const LOCALES: readonly { locale: Locale; name: string }[] = [
  { locale: 'en', name: 'English' },
  { locale: 'zh-CN', name: '中文' }
]

/** The browser's first language Vigil speaks: any Chinese is zh-CN; otherwise English. */
export function chooseLocale(preferred: readonly string[]): Locale {
  for (const language of preferred) {
    if (language.toLowerCase().startsWith('zh')) return 'zh-CN'
    if (language.toLowerCase().startsWith('en')) return 'en'
  }
  return 'en'
}

/** Every key of every language, for the test that no table lacks one. */
export function dictionaryKeys(locale: Locale): string[] {
  return Object.keys(DICTIONARY[locale])
}

/**
 * The string for `key` with `{name}` placeholders filled from `values`. A key missing at run time
 * (impossible while the types hold) shows as ⟦key⟧ so a test can find it on screen.
 */
export function translate(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const text = DICTIONARY[locale][key] ?? `⟦${key}⟧`
  if (values === undefined) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

/** `translate` bound to one locale: what a page calls `t`. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string
export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values)
}
