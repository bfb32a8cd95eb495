import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'
import { STALE_AFTER_MS, movesAfterStale } from './stale-baseline.js'
import type { SeriesMotion } from './stale-baseline.js'

export interface EwmaParams {
  metric: string
  /** Weight of the newest reading in the EWMA statistic (0 < lambda <= 1); smaller sees smaller, slower shifts. */
  lambda: number
  /** Control limit, in standard deviations of the EWMA statistic. */
  sigmas: number
  /** Readings used to learn the baseline before the chart judges anything. */
  warmupSamples: number
  /** How fast the baseline follows slow, normal change (daily load) while in control. */
  baselineAlpha: number
  /** Which shifts matter: a rising vibration is a fault, a falling one is not. */
  direction: 'up' | 'down' | 'both'
  /** Floor of the baseline's standard deviation, in the metric's unit: a quiet sensor must not make noise look like a fault. */
  minStdDev: number
}

interface EwmaState {
  count: number
  mean: number
  m2: number
  variance: number
  statistic: number
  active: boolean
  score: number
  motion: SeriesMotion
}

/**
 * EWMA control chart (Roberts 1959) against a slowly adapting baseline. The baseline mean and
 * variance are learned over a warm-up, then follow the series with a small weight only while it
 * is in control, so daily load cycles are absorbed but a developing fault is not. Fires when the
 * EWMA leaves mean ± sigmas·σ·√(λ/(2−λ)); clears when it is back within half of that. A baseline
 * gone stale (stale-baseline.ts: the device offline, the sensor stuck) is learned again.
 */
export class EwmaDetector extends StatefulDetector<EwmaState> {
  private readonly spread: number

  constructor(private readonly params: EwmaParams) {
    super({ count: 0, mean: 0, m2: 0, variance: 0, statistic: 0, active: false, score: 0, motion: { lastValue: null, movedAt: 0 } })
    if (!(params.lambda > 0 && params.lambda <= 1)) throw new Error('ewma: lambda must be in (0, 1]')
    this.spread = Math.sqrt(params.lambda / (2 - params.lambda))
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const { lambda, warmupSamples, baselineAlpha } = this.params
    const state = this.state
    if (movesAfterStale(state.motion, ts, value)) return this.relearn(value)
    if (state.count < warmupSamples) {
      this.learn(value)
      return undefined
    }
    state.statistic = lambda * value + (1 - lambda) * state.statistic
    const limitWidth = this.params.sigmas * Math.max(Math.sqrt(state.variance), this.params.minStdDev) * this.spread
    const deviation = state.statistic - state.mean
    const directed = this.params.direction === 'up' ? deviation : this.params.direction === 'down' ? -deviation : Math.abs(deviation)
    state.score = limitWidth > 0 ? Math.max(0, directed / limitWidth) : 0
    const outside = directed > limitWidth

    if (!state.active && !outside) {
      const delta = value - state.mean
      state.mean += baselineAlpha * delta
      state.variance = (1 - baselineAlpha) * (state.variance + baselineAlpha * delta * delta)
      return undefined
    }
    if (!state.active) {
      state.active = true
      const limit = state.mean + Math.sign(deviation) * limitWidth
      return {
        state: 'fire',
        explanation: {
          message: `${this.params.metric} EWMA ${round(state.statistic)} beyond the control limit ${round(limit)} (baseline ${round(state.mean)})`,
          value: round(state.statistic),
          limit: round(limit),
          baseline: round(state.mean)
        }
      }
    }
    if (Math.abs(deviation) < limitWidth / 2) {
      state.active = false
      return {
        state: 'clear',
        explanation: {
          message: `${this.params.metric} EWMA ${round(state.statistic)} back near the baseline ${round(state.mean)}`,
          value: round(state.statistic),
          limit: round(state.mean + (Math.sign(deviation) * limitWidth) / 2),
          baseline: round(state.mean)
        }
      }
    }
    return undefined
  }

  /** One warm-up reading: Welford's online mean and variance. */
  private learn(value: number): void {
    const state = this.state
    state.count++
    const delta = value - state.mean
    state.mean += delta / state.count
    state.m2 += delta * (value - state.mean)
    state.variance = state.count > 1 ? state.m2 / (state.count - 1) : 0
    state.statistic = state.mean
  }

  /** Forgets the stale baseline and warms up again from `value`; an alarm in progress ends. */
  private relearn(value: number): DetectorSignal | undefined {
    const state = this.state
    const wasActive = state.active
    Object.assign(state, { count: 0, mean: 0, m2: 0, variance: 0, statistic: 0, active: false, score: 0 })
    this.learn(value)
    if (!wasActive) return undefined
    return {
      state: 'clear',
      explanation: { message: `${this.params.metric}: no live readings for over ${STALE_AFTER_MS / 60_000} min (device offline or sensor stuck); learning its baseline again`, value: round(value), limit: 0 }
    }
  }
}
