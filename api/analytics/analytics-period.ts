import { monthPeriod } from '../../core/analytics/period.js'
import type { Period } from '../../core/analytics/period.js'
import { badRequest } from '../problem.js'

/** Longest period one analytics request may cover: a year and a day. */
const MAX_PERIOD_MS = 366 * 86_400_000

/** The period a query names: `month`, or `from` and `to`; neither is the current UTC month. */
export function periodOfQuery(query: { month?: string | undefined; from?: string | undefined; to?: string | undefined }, nowMs: number): Period {
  if (query.month !== undefined) {
    if (query.from !== undefined || query.to !== undefined) throw badRequest('querystring.month', 'give either month or from and to, not both')
    return monthPeriod(query.month)
  }
  if (query.from === undefined && query.to === undefined) return monthPeriod(new Date(nowMs).toISOString().slice(0, 7))
  if (query.from === undefined) throw badRequest('querystring.from', 'give from with to (or a month)')
  if (query.to === undefined) throw badRequest('querystring.to', 'give to with from (or a month)')
  const period = { fromMs: Date.parse(query.from), toMs: Date.parse(query.to) }
  if (period.toMs <= period.fromMs) throw badRequest('querystring.to', `must be after from (${query.from})`)
  if (period.toMs - period.fromMs > MAX_PERIOD_MS) throw badRequest('querystring.to', 'the period may be at most 366 days long; ask for several periods')
  return period
}
