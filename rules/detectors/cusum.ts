import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'
import { STALE_AFTER_MS, movesAfterStale } from './stale-baseline.js'
import type { SeriesMotion } from './stale-baseline.js'

export interface CusumParams {
  metric: string
  /** Slack, in standard deviations: shifts smaller than this are not accumulated (Page 1954, usually 0.5). */
  k: number
  /** Decision interval, in standard deviations of accumulated excess (usually 4–5). */
  h: number
  warmupSamples: number
  /** How fast the baseline follows slow normal change while in control. */
  baselineAlpha: number
  direction: 'up' | 'down' | 'both'
  minStdDev: number
}

interface CusumState {
  count: number
  mean: number
  m2: number
  variance: number
  high: number
  low: number
  active: boolean
  side: 1 | -1
  score: number
  motion: SeriesMotion
}

/**
 * Two-sided tabular CUSUM on the standardised reading: it accumulates evidence of a small,
 * sustained shift (a pressure a few tenths of a bar low for good) that single-reading limits and
 * even an EWMA miss. The baseline is learned over a warm-up and follows slow change while in
 * control; a baseline gone stale (stale-baseline.ts: the device offline, the sensor stuck) is learned again.
 */
export class CusumDetector extends StatefulDetector<CusumState> {
  constructor(private readonly params: CusumParams) {
    super({ count: 0, mean: 0, m2: 0, variance: 0, high: 0, low: 0, active: false, side: 1, score: 0, motion: { lastValue: null, movedAt: 0 } })
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    const { k, h, warmupSamples, baselineAlpha, direction } = this.params
    if (movesAfterStale(state.motion, ts, value)) return this.relearn(value)
    if (state.count < warmupSamples) {
      this.learn(value)
      return undefined
    }
    const sigma = Math.max(Math.sqrt(state.variance), this.params.minStdDev)
    const z = (value - state.mean) / sigma
    state.high = direction === 'down' ? 0 : Math.max(0, state.high + z - k)
    state.low = direction === 'up' ? 0 : Math.max(0, state.low - z - k)
    state.score = Math.max(state.high, state.low) / h
    if (!state.active) {
      if (state.high <= h && state.low <= h) {
        const delta = value - state.mean
        state.mean += baselineAlpha * delta
        state.variance = (1 - baselineAlpha) * (state.variance + baselineAlpha * delta * delta)
        return undefined
      }
      state.active = true
      state.side = state.high > h ? 1 : -1
      return {
        state: 'fire',
        explanation: {
          message: `${this.params.metric} has stayed ${state.side > 0 ? 'above' : 'below'} its baseline ${round(state.mean)}: cumulative excess ${round(Math.max(state.high, state.low), 1)} σ past the decision interval ${h} σ`,
          value: round(value),
          limit: round(state.mean + state.side * k * sigma),
          baseline: round(state.mean)
        }
      }
    }
    const accumulated = state.side > 0 ? state.high : state.low
    if (accumulated > 0) return undefined
    state.active = false
    return { state: 'clear', explanation: { message: `${this.params.metric} ${round(value)} back at its baseline ${round(state.mean)}`, value: round(value), limit: round(state.mean), baseline: round(state.mean) } }
  }

  /** One warm-up reading: Welford's online mean and variance. */
  private learn(value: number): void {
    const state = this.state
    state.count++
    const delta = value - state.mean
    state.mean += delta / state.count
    state.m2 += delta * (value - state.mean)
    state.variance = state.count > 1 ? state.m2 / (state.count - 1) : 0
  }

  /** Forgets the stale baseline and warms up again from `value`; an alarm in progress ends. */
  private relearn(value: number): DetectorSignal | undefined {
    const state = this.state
    const wasActive = state.active
    Object.assign(state, { count: 0, mean: 0, m2: 0, variance: 0, high: 0, low: 0, active: false, score: 0 })
    this.learn(value)
    if (!wasActive) return undefined
    return {
      state: 'clear',
      explanation: { message: `${this.params.metric}: no live readings for over ${STALE_AFTER_MS / 60_000} min (device offline or sensor stuck); learning its baseline again`, value: round(value), limit: 0 }
    }
  }
}
