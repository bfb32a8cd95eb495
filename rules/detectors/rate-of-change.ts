import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface RateOfChangeParams {
  metric: string
  /** Fires when the smoothed rate rises faster than this, in the metric's unit per minute... */
  maxRisePerMinute?: number | undefined
  /** ...or falls faster than this (a positive number). */
  maxFallPerMinute?: number | undefined
  /** Weight of the newest rate in the smoothed rate (0 < alpha <= 1). */
  alpha: number
  /** The rate must stay beyond its limit this long before the detector fires. */
  forMs: number
  /** Readings further apart than this start afresh: no rate is computed across a gap. */
  maxGapMs: number
}

interface RateState {
  lastTs: number | null
  lastValue: number
  rate: number
  /** Rates averaged since the start or the last gap (0: none yet). */
  rates: number
  beyondSince: number | null
  active: boolean
  score: number
}

/**
 * How fast a value changes (a pressure dropping 0.5 bar a minute), smoothed, with a minimum
 * duration. The smoothing starts as a plain mean of the rates so far (until there are 1/alpha of
 * them), so the first, noisiest rate after a start or a gap does not linger.
 */
export class RateOfChangeDetector extends StatefulDetector<RateState> {
  constructor(private readonly params: RateOfChangeParams) {
    super({ lastTs: null, lastValue: 0, rate: 0, rates: 0, beyondSince: null, active: false, score: 0 })
    if (params.maxRisePerMinute === undefined && params.maxFallPerMinute === undefined) throw new Error('rate of change: give maxRisePerMinute, maxFallPerMinute or both')
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    const { maxRisePerMinute, maxFallPerMinute } = this.params
    if (state.lastTs === null || ts - state.lastTs > this.params.maxGapMs || ts <= state.lastTs) {
      if (state.lastTs === null || ts > state.lastTs) {
        state.lastTs = ts
        state.lastValue = value
        state.rates = 0
        // The duration starts afresh too: nothing is known of the rate across the gap.
        state.beyondSince = null
      }
      return undefined
    }
    const instant = ((value - state.lastValue) / (ts - state.lastTs)) * 60_000
    state.rates++
    const weight = Math.max(this.params.alpha, 1 / state.rates)
    state.rate = weight * instant + (1 - weight) * state.rate
    state.lastTs = ts
    state.lastValue = value
    const rise = maxRisePerMinute === undefined ? 0 : state.rate / maxRisePerMinute
    const fall = maxFallPerMinute === undefined ? 0 : -state.rate / maxFallPerMinute
    state.score = Math.max(0, rise, fall)
    const beyond = state.score > 1
    if (!state.active) {
      if (!beyond) {
        state.beyondSince = null
        return undefined
      }
      state.beyondSince ??= ts
      if (ts - state.beyondSince < this.params.forMs) return undefined
      state.active = true
      const limit = rise > fall ? (maxRisePerMinute as number) : -(maxFallPerMinute as number)
      return { state: 'fire', explanation: { message: `${this.params.metric} changing ${round(state.rate)} per minute, beyond ${limit} per minute`, value: round(state.rate), limit } }
    }
    if (state.score >= 0.5) return undefined
    state.active = false
    state.beyondSince = null
    return { state: 'clear', explanation: { message: `${this.params.metric} changing ${round(state.rate)} per minute again`, value: round(state.rate), limit: 0 } }
  }
}
