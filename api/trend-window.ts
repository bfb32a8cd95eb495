import { parseDurationMs } from '../core/config/env-reader.js'
import { badRequest } from './problem.js'

export interface TrendWindow {
  fromMs: number
  toMs: number
  everyMs: number
}

export const MAX_TREND_POINTS = 5000
const DEFAULT_SPAN_MS = 3_600_000
const TARGET_POINTS = 300
const NICE_BUCKETS_MS = [1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400].map((s) => s * 1000)

/**
 * The time range and bucket width of a trend request: `to` defaults to now, `from` to an hour
 * before it, `every` to the smallest round width that gives at most about 300 buckets.
 */
export function resolveTrendWindow(query: { from?: string | undefined; to?: string | undefined; every?: string | undefined }, nowMs: number): TrendWindow {
  const toMs = query.to === undefined ? nowMs : parseTime('querystring.to', query.to)
  const fromMs = query.from === undefined ? toMs - DEFAULT_SPAN_MS : parseTime('querystring.from', query.from)
  if (fromMs >= toMs) throw badRequest('querystring.from', 'must be before to')
  const span = toMs - fromMs
  let everyMs: number
  if (query.every === undefined) {
    everyMs = NICE_BUCKETS_MS.find((bucket) => span / bucket <= TARGET_POINTS) ?? Math.ceil(span / TARGET_POINTS / 86_400_000) * 86_400_000
  } else {
    everyMs = parseDurationMs(query.every) ?? 0
    if (everyMs < 1) throw badRequest('querystring.every', 'expected a duration such as 10s, 1m or 1h')
  }
  if (span / everyMs > MAX_TREND_POINTS) {
    throw badRequest('querystring.every', `gives ${Math.ceil(span / everyMs)} buckets over this range; at most ${MAX_TREND_POINTS}: choose a wider bucket or a shorter range`)
  }
  return { fromMs, toMs, everyMs }
}

function parseTime(field: string, text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  if (!Number.isFinite(ms)) throw badRequest(field, `expected an ISO-8601 date-time or epoch milliseconds, got ${JSON.stringify(text.slice(0, 40))}`)
  return ms
}
