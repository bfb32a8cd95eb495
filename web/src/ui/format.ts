import type { Locale, Translate } from '../i18n.js'

/** A time in the site's time zone, with the zone named, in the user's language. */
export function formatTime(at: string | number, timeZone: string | undefined, locale: Locale): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return '—'
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(date)
}

/** A date alone (no time) in the site's time zone. */
export function formatDate(at: string | number, timeZone: string | undefined, locale: Locale): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return '—'
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date)
}

/** A value with its unit, rounded to what a person reads. */
export function formatValue(value: number | null | undefined, unit: string, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)
  return unit === '' ? number : `${number} ${unit}`
}

/** A duration in minutes in the user's words ("1 h 05 min", "1 小时 05 分钟"); the sign is the caller's to show. */
export function formatMinutes(minutes: number, t: Translate): string {
  const whole = Math.round(Math.abs(minutes))
  const hours = Math.floor(whole / 60)
  const rest = whole % 60
  return hours === 0 ? t('durationMinutes', { m: rest }) : t('durationHoursMinutes', { h: hours, m: String(rest).padStart(2, '0') })
}
