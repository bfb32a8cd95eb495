import { median, medianAbsoluteDeviation } from 'simple-statistics'
import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface RobustZParams {
  metric: string
  /** Readings the baseline (median and MAD) is taken over. */
  window: number
  /** Fires at |z| above this (z = 0.6745 (x − median) / MAD, comparable to a standard score). */
  threshold: number
  /** ...for this many readings in a row (one is a spike, which is often what you want). */
  consecutive: number
  /** Floor of the MAD, in the metric's unit, so a series that barely moves does not make every wiggle an outlier. */
  minMad: number
}

interface RobustZState {
  ring: number[]
  next: number
  size: number
  sinceRefresh: number
  median: number
  mad: number
  ready: boolean
  streak: number
  active: boolean
  score: number
}

/**
 * Robust z-score against the median and median absolute deviation of the last `window`
 * readings: unlike mean and standard deviation, a few outliers do not drag the baseline. The
 * baseline is recomputed every quarter window (an O(window) selection every window/4 readings,
 * so O(1) amortised per reading), not on every reading.
 */
export class RobustZDetector extends StatefulDetector<RobustZState> {
  private readonly refreshEvery: number

  constructor(private readonly params: RobustZParams) {
    super({ ring: [], next: 0, size: 0, sinceRefresh: 0, median: 0, mad: 0, ready: false, streak: 0, active: false, score: 0 })
    if (!(params.window >= 8)) throw new Error('robust z: window must be at least 8 readings')
    this.refreshEvery = Math.max(1, Math.floor(params.window / 4))
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(_ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    let signal: DetectorSignal | undefined
    if (state.ready) {
      const z = (0.6745 * (value - state.median)) / Math.max(state.mad, this.params.minMad)
      state.score = Math.abs(z) / this.params.threshold
      if (Math.abs(z) > this.params.threshold) {
        state.streak++
        if (!state.active && state.streak >= this.params.consecutive) {
          state.active = true
          signal = {
            state: 'fire',
            explanation: { message: `${this.params.metric} ${round(value)} is ${round(z, 1)} robust standard scores from the median ${round(state.median)}`, value: round(value), limit: round(state.median + Math.sign(z) * (this.params.threshold * Math.max(state.mad, this.params.minMad)) / 0.6745), baseline: round(state.median) }
          }
        }
      } else {
        state.streak = 0
        if (state.active && Math.abs(z) < this.params.threshold / 2) {
          state.active = false
          signal = { state: 'clear', explanation: { message: `${this.params.metric} ${round(value)} back near the median ${round(state.median)}`, value: round(value), limit: round(state.median), baseline: round(state.median) } }
        }
      }
    }
    this.remember(value)
    return signal
  }

  private remember(value: number): void {
    const state = this.state
    if (state.size < this.params.window) {
      state.ring.push(value)
      state.size++
    } else {
      state.ring[state.next] = value
    }
    state.next = (state.next + 1) % this.params.window
    state.sinceRefresh++
    if (state.size >= Math.min(this.params.window, 8) && (state.sinceRefresh >= this.refreshEvery || !state.ready)) {
      state.median = median(state.ring)
      state.mad = medianAbsoluteDeviation(state.ring)
      state.sinceRefresh = 0
      state.ready = state.size >= this.params.window
    }
  }
}
