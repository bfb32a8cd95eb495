import type { Locale, Translate } from '../../i18n.js'
import { formatValue } from '../../ui/format.js'
import type { Rate } from './analytics-types.js'

/** A share as a whole percentage with its unit ("67 %"), or "—" when there was nothing to count. */
export function formatRate(rate: Rate | number | null, locale: Locale, t: Translate): string {
  const share = typeof rate === 'number' || rate === null ? rate : rate.rate
  return formatValue(share === null ? null : share * 100, t('unitPercent'), locale, 0)
}

/** A share with what it is a share of: "67 % (2 of 3)". */
export function formatRateOf(rate: Rate, locale: Locale, t: Translate): string {
  return `${formatRate(rate, locale, t)} (${t('analyticsCountOf', { count: rate.count, of: rate.of })})`
}

/** A score out of 100 ("82 / 100"), or "—". */
export function formatScore(score: number | null, locale: Locale, t: Translate): string {
  return formatValue(score, t('unitOutOf100'), locale, 0)
}

/** A share as a number for a CSV: percent, one decimal; empty when there was nothing to count. */
export function csvPercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10
}

/** A number for a CSV, rounded to `digits`; empty when there is none. */
export function csvNumber(value: number | null, digits = 2): number | null {
  return value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits
}
