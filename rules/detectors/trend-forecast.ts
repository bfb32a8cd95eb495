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
  /**
   * Period of the series' normal cycle (ms; a building's day: 24 h), fitted as a sine and
   * cosine beside the trend so the afternoon's rise is not taken for wear. 0: no cycle. The
   * detector forecasts only once its window spans a whole cycle.
   */
  seasonMs: number
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

/** How many robust standard deviations of the bucket-to-bucket steps a step away from the limit must be to break the trend. */
const BREAK_STEPS = 8
/** Median absolute value to standard deviation, for normal steps. */
const MAD_TO_SD = 1.4826

/**
 * The remaining useful life: a least-squares fit of a straight trend (plus the daily cycle, when
 * the series has one) over a sliding window, and when the trend's daily peak will cross the limit,
 * with an interval from the slope's standard error. Readings are averaged into buckets, so memory
 * is bounded by `points` whatever the reading rate, and the fit is redone only when a bucket
 * closes (O(points) then, O(1) per reading otherwise). Fires while the most likely crossing is
 * within the horizon and the trend is significant — before the limit itself is crossed. A trend
 * that breaks away from the limit (a repair) starts the history again.
 */
export class TrendForecastDetector extends StatefulDetector<TrendState> {
  private readonly limit: number
  private readonly upward: boolean
  private readonly bucketMs: number

  constructor(private readonly params: TrendForecastParams) {
    super({ ts: [], vs: [], next: 0, origin: null, bucketStart: 0, bucketSum: 0, bucketCount: 0, forecast: null, active: false, score: 0 })
    if ((params.above === undefined) === (params.below === undefined)) throw new Error('trend forecast: give exactly one of above and below')
    if (params.seasonMs > params.windowMs) throw new Error('trend forecast: the window must span at least one cycle (seasonMs)')
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

  /**
   * The newest bucket stepped back from the one before, away from the limit, far more than buckets
   * usually move (BREAK_STEPS robust standard deviations of the steps in the window): the trend
   * has broken — the part was repaired or replaced, the sensor reset — and the history before the
   * break says nothing about the wear to come. Steps towards the limit (the wear itself) never
   * break it.
   */
  private brokeAway(): boolean {
    const { vs, next } = this.state
    const n = vs.length
    if (n < 3) return false
    // In time order, oldest first: the ring's oldest point is at `next` once it is full, at 0 before.
    const at = (i: number): number => vs[(next + i) % n] as number
    const steps: number[] = []
    for (let i = 1; i < n; i++) steps.push(Math.abs(at(i) - at(i - 1)))
    const newestStep = at(n - 1) - at(n - 2)
    steps.sort((a, b) => a - b)
    const typical = MAD_TO_SD * (steps[steps.length >> 1] as number)
    return this.upward ? newestStep < -BREAK_STEPS * typical : newestStep > BREAK_STEPS * typical
  }

  /** Starts the history again from the newest bucket: no forecast until the window has refilled (minPoints, a whole cycle). */
  private forgetAllButNewest(): void {
    const state = this.state
    const newest = (state.next + state.ts.length - 1) % state.ts.length
    state.ts = [state.ts[newest] as number]
    state.vs = [state.vs[newest] as number]
    state.next = 1 % this.params.points
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
    let fit = trendFit(state.ts, state.vs, now - origin - this.params.windowMs, this.params.seasonMs)
    state.forecast = null
    state.score = 0
    if (fit !== undefined && fit.n >= this.params.minPoints && this.brokeAway()) {
      this.forgetAllButNewest()
      fit = undefined
    }
    const spanned = fit !== undefined && fit.spanMs >= this.params.seasonMs
    if (fit !== undefined && spanned && fit.n >= this.params.minPoints) {
      const towards = this.upward ? fit.slope > 0 : fit.slope < 0
      const significant = Math.abs(fit.slope) >= this.params.minTStat * fit.slopeSe
      // The daily extreme, not the daily mean, is what reaches the limit first.
      const reach = this.upward ? this.limit - fit.amplitude : this.limit + fit.amplitude
      const nowRelative = now - origin
      const level = fit.intercept + fit.slope * nowRelative
      // Neither the trend, nor the reading, nor the last bucket has reached the limit: still a forecast.
      const newest = state.vs[(state.next + state.vs.length - 1) % state.vs.length] as number
      const notYet = this.upward ? level < reach && Math.max(value, newest) < this.limit : level > reach && Math.min(value, newest) > this.limit
      if (towards && significant && notYet) {
        const crossing = (reach - fit.intercept) / fit.slope
        const fastSlope = fit.slope + Math.sign(fit.slope) * 2 * fit.slopeSe
        const slowSlope = fit.slope - Math.sign(fit.slope) * 2 * fit.slopeSe
        const fast = (reach - fit.intercept) / fastSlope
        const slow = Math.sign(slowSlope) === Math.sign(fit.slope) ? (reach - fit.intercept) / slowSlope : Number.POSITIVE_INFINITY
        const at = (relative: number): string => new Date(Math.min(origin + relative, 8.64e15)).toISOString()
        state.forecast = { crossingAt: at(crossing), earliest: at(Math.min(fast, crossing)), latest: at(Math.max(slow, crossing)), slopePerHour: round(fit.slope * 3_600_000, 4) }
        const leadMs = crossing - nowRelative
        state.score = leadMs <= 0 ? 1 : Math.min(1, this.params.horizonMs / leadMs / 2)
        if (leadMs <= this.params.horizonMs && !state.active) {
          state.active = true
          return {
            state: 'fire',
            explanation: {
              message: `${this.params.metric} ${this.upward ? 'rising' : 'falling'} ${round(Math.abs(fit.slope) * 3_600_000, 3)} per hour: forecast to reach ${this.limit} at ${state.forecast.crossingAt} (between ${state.forecast.earliest} and ${state.forecast.latest})`,
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
    return { state: 'clear', explanation: { message: `${this.params.metric} no longer forecast to reach ${this.limit} within the horizon`, value: round(value), limit: this.limit } }
  }
}

export interface TrendFit {
  n: number
  slope: number
  intercept: number
  slopeSe: number
  /** Amplitude of the fitted cycle (0 without one). */
  amplitude: number
  /** Time between the first and last point used. */
  spanMs: number
}

/**
 * Least squares of v = a + b·t (+ c·sin ωt + d·cos ωt with ω = 2π/seasonMs) over the points at or
 * after `from`; undefined with too few points or a singular system. Solved by Cholesky on the
 * normal equations (2×2 or 4×4), with t centred for conditioning.
 */
export function trendFit(ts: readonly number[], vs: readonly number[], from: number, seasonMs = 0): TrendFit | undefined {
  const k = seasonMs > 0 ? 4 : 2
  let n = 0
  let tSum = 0
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as number
    if (t < from) continue
    n++
    tSum += t
    first = Math.min(first, t)
    last = Math.max(last, t)
  }
  if (n < k + 1) return undefined
  const tMean = tSum / n
  const omega = seasonMs > 0 ? (2 * Math.PI) / seasonMs : 0
  const xtx = new Float64Array(k * k)
  const xty = new Float64Array(k)
  const row = new Float64Array(k)
  const fill = (t: number): void => {
    row[0] = 1
    row[1] = t - tMean
    if (k === 4) {
      row[2] = Math.sin(omega * t)
      row[3] = Math.cos(omega * t)
    }
  }
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as number
    if (t < from) continue
    fill(t)
    const v = vs[i] as number
    for (let r = 0; r < k; r++) {
      xty[r] = (xty[r] as number) + (row[r] as number) * v
      for (let c = 0; c <= r; c++) xtx[r * k + c] = (xtx[r * k + c] as number) + (row[r] as number) * (row[c] as number)
    }
  }
  const inverse = invertSymmetric(xtx, k)
  if (inverse === undefined) return undefined
  const beta = new Float64Array(k)
  for (let r = 0; r < k; r++) {
    let sum = 0
    for (let c = 0; c < k; c++) sum += (inverse[r * k + c] as number) * (xty[c] as number)
    beta[r] = sum
  }
  let sse = 0
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as number
    if (t < from) continue
    fill(t)
    let predicted = 0
    for (let r = 0; r < k; r++) predicted += (row[r] as number) * (beta[r] as number)
    const residual = (vs[i] as number) - predicted
    sse += residual * residual
  }
  const variance = sse / (n - k)
  const slope = beta[1] as number
  return {
    n,
    slope,
    intercept: (beta[0] as number) - slope * tMean,
    slopeSe: Math.sqrt(Math.max(0, variance * (inverse[k + 1] as number))),
    amplitude: k === 4 ? Math.hypot(beta[2] as number, beta[3] as number) : 0,
    spanMs: last - first
  }
}

/** Inverse of a symmetric positive definite k×k matrix given by its lower triangle (Cholesky); undefined if singular. */
function invertSymmetric(lower: Float64Array, k: number): Float64Array | undefined {
  const l = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower[i * k + j] as number
      for (let m = 0; m < j; m++) sum -= (l[i * k + m] as number) * (l[j * k + m] as number)
      if (i === j) {
        if (!(sum > 1e-12 * Math.max(1, Math.abs(lower[i * k + i] as number)))) return undefined
        l[i * k + i] = Math.sqrt(sum)
      } else {
        l[i * k + j] = sum / (l[j * k + j] as number)
      }
    }
  }
  // Columns of the inverse: solve L Lᵀ x = e_c.
  const inverse = new Float64Array(k * k)
  const y = new Float64Array(k)
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < k; i++) {
      let sum = i === c ? 1 : 0
      for (let m = 0; m < i; m++) sum -= (l[i * k + m] as number) * (y[m] as number)
      y[i] = sum / (l[i * k + i] as number)
    }
    for (let i = k - 1; i >= 0; i--) {
      let sum = y[i] as number
      for (let m = i + 1; m < k; m++) sum -= (l[m * k + i] as number) * (inverse[m * k + c] as number)
      inverse[i * k + c] = sum / (l[i * k + i] as number)
    }
  }
  return inverse
}
