import type { Forecast } from '../../core/domain/alert.js'
import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface TrendForecastParams {
  metric: string
  /** The limit whose crossing is forecast: above it (rising) or below it (falling). */
  above?: number | undefined
  below?: number | undefined
  /** The regression looks back this far (ms)... */
  windowMs: number
  /** ...over at most this many points: readings are averaged into windowMs/points buckets. */
  points: number
  /** Fires when the forecast crossing is at most this far ahead (ms). */
  horizonMs: number
  /** Points needed before forecasting, and a slope at least this many standard errors from zero. */
  minPoints: number
  minTStat: number
}

interface TrendState {
  /** Ring of bucket means: times (ms, relative to origin) and values. */
  ts: number[]
  vs: number[]
  next: number
  origin: number | null
  bucketStart: number
  bucketSum: number
  bucketCount: number
  forecast: Forecast | null
  active: boolean
  score: number
}

/**
 * Linear regression over a sliding window that forecasts when a limit will be crossed, with an
 * interval from the slope's standard error: the remaining useful life. Readings are averaged into
 * buckets, so memory is bounded by `points` whatever the reading rate, and the fit is redone only
 * when a bucket closes (O(points) then, O(1) per reading otherwise). Fires while the most likely
 * crossing is within the horizon and the trend is significant, before the limit is crossed.
 */
export class TrendForecastDetector extends StatefulDetector<TrendState> {
  private readonly limit: number
  private readonly upward: boolean
  private readonly bucketMs: number

  constructor(private readonly params: TrendForecastParams) {
    super({ ts: [], vs: [], next: 0, origin: null, bucketStart: 0, bucketSum: 0, bucketCount: 0, forecast: null, active: false, score: 0 })
    if ((params.above === undefined) === (params.below === undefined)) throw new Error('trend forecast: give exactly one of above and below')
    this.upward = params.above !== undefined
    this.limit = (params.above ?? params.below) as number
    this.bucketMs = Math.max(1, Math.floor(params.windowMs / params.points))
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  /** The latest forecast, whether or not it is within the horizon. */
  get forecast(): Forecast | undefined {
    return this.state.forecast ?? undefined
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    if (state.origin === null) {
      state.origin = ts
      state.bucketStart = ts
    }
    if (ts - state.bucketStart < this.bucketMs) {
      state.bucketSum += value
      state.bucketCount++
      return undefined
    }
    if (state.bucketCount > 0) this.push(state.bucketStart + this.bucketMs / 2 - state.origin, state.bucketSum / state.bucketCount)
    state.bucketStart = ts - ((ts - state.bucketStart) % this.bucketMs)
    state.bucketSum = value
    state.bucketCount = 1
    return this.judge(ts, value)
  }

  private push(t: number, v: number): void {
    const state = this.state
    if (state.ts.length < this.params.points) {
      state.ts.push(t)
      state.vs.push(v)
    } else {
      state.ts[state.next] = t
      state.vs[state.next] = v
    }
    state.next = (state.next + 1) % this.params.points
  }

  private judge(now: number, value: number): DetectorSignal | undefined {
    const state = this.state
    const origin = state.origin as number
    const fit = regression(state.ts, state.vs, now - origin - this.params.windowMs)
    state.forecast = null
    state.score = 0
    if (fit !== undefined && fit.n >= this.params.minPoints) {
      const towards = this.upward ? fit.slope > 0 : fit.slope < 0
      const significant = Math.abs(fit.slope) >= this.params.minTStat * fit.slopeSe
      const notYet = this.upward ? value < this.limit : value > this.limit
      if (towards && significant && notYet) {
        const crossing = (this.limit - fit.intercept) / fit.slope
        const fast = (this.limit - fit.intercept) / (fit.slope + Math.sign(fit.slope) * 2 * fit.slopeSe)
        const slowSlope = fit.slope - Math.sign(fit.slope) * 2 * fit.slopeSe
        const slow = Math.sign(slowSlope) === Math.sign(fit.slope) ? (this.limit - fit.intercept) / slowSlope : Number.POSITIVE_INFINITY
        const at = (relative: number): string => new Date(Math.min(origin + relative, 8.64e15)).toISOString()
        state.forecast = { crossingAt: at(crossing), earliest: at(Math.min(fast, crossing)), latest: at(Math.max(slow, crossing)), slopePerHour: round(fit.slope * 3_600_000, 4) }
        const leadMs = origin + crossing - now
        state.score = leadMs <= 0 ? 1 : Math.min(1, this.params.horizonMs / leadMs / 2)
        if (leadMs <= this.params.horizonMs && !state.active) {
          state.active = true
          return {
            state: 'fire',
            explanation: {
              message: `${this.params.metric} ${this.upward ? 'rising' : 'falling'} ${round(Math.abs(fit.slope) * 3_600_000, 3)} per hour: forecast to cross ${this.limit} at ${state.forecast.crossingAt} (between ${state.forecast.earliest} and ${state.forecast.latest})`,
              value: round(value),
              limit: this.limit,
              forecast: state.forecast
            }
          }
        }
        if (leadMs <= this.params.horizonMs * 1.5) return undefined
      }
    }
    if (!state.active) return undefined
    state.active = false
    return { state: 'clear', explanation: { message: `${this.params.metric} no longer forecast to cross ${this.limit} within the horizon`, value: round(value), limit: this.limit } }
  }
}

interface Fit {
  n: number
  slope: number
  intercept: number
  slopeSe: number
}

/** Least squares over the points at or after `from` (relative ms); undefined with fewer than 3 or no spread in time. */
export function regression(ts: readonly number[], vs: readonly number[], from: number): Fit | undefined {
  let n = 0
  let st = 0
  let sv = 0
  for (let i = 0; i < ts.length; i++) {
    if ((ts[i] as number) < from) continue
    n++
    st += ts[i] as number
    sv += vs[i] as number
  }
  if (n < 3) return undefined
  const mt = st / n
  const mv = sv / n
  let stt = 0
  let stv = 0
  for (let i = 0; i < ts.length; i++) {
    if ((ts[i] as number) < from) continue
    const dt = (ts[i] as number) - mt
    stt += dt * dt
    stv += dt * ((vs[i] as number) - mv)
  }
  if (stt === 0) return undefined
  const slope = stv / stt
  const intercept = mv - slope * mt
  let sse = 0
  for (let i = 0; i < ts.length; i++) {
    if ((ts[i] as number) < from) continue
    const residual = (vs[i] as number) - (intercept + slope * (ts[i] as number))
    sse += residual * residual
  }
  return { n, slope, intercept, slopeSe: Math.sqrt(sse / (n - 2) / stt) }
}
