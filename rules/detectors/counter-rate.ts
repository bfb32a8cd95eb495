import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface CounterRateParams {
  metric: string
  /** The rate is counted over this much time (ms), e.g. an hour for starts per hour. */
  windowMs: number
  /** Fires when the count over the window exceeds this (e.g. 12 pump starts per hour). */
  maxPerWindow: number
}

interface CounterState {
  last: number | null
  /** When the counter last changed (or was first read). */
  movedAt: number
  /** Increments per bucket over the window, oldest first. */
  buckets: number[]
  bucketStart: number
  /** Everything counted since the detector started: usage for meter-based maintenance. */
  total: number
  resets: number
  active: boolean
  score: number
}

const BUCKETS = 60

/**
 * A meter from a cumulative counter (door cycles, pump starts, run hours): increments are summed
 * over a sliding window in 60 buckets (O(1) per reading, bounded memory). A counter that goes down
 * was reset (device restart, replacement): the new value counts as the increment since the reset,
 * never as a negative one. An increment is known only to have happened since the counter last
 * moved: after a gateway outage or a stuck reading it arrives as one catch-up jump, so only the
 * share of it that falls within the window (spread evenly since that last move) is counted.
 */
export class CounterRateDetector extends StatefulDetector<CounterState> {
  private readonly bucketMs: number

  constructor(private readonly params: CounterRateParams) {
    super({ last: null, movedAt: 0, buckets: [0], bucketStart: 0, total: 0, resets: 0, active: false, score: 0 })
    this.bucketMs = Math.max(1, Math.floor(params.windowMs / BUCKETS))
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  /** Increments over the window. */
  get perWindow(): number {
    return this.state.buckets.reduce((sum, n) => sum + n, 0)
  }

  get total(): number {
    return this.state.total
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    if (state.last === null) {
      state.last = value
      state.movedAt = ts
      state.bucketStart = ts
      return undefined
    }
    let increment = value - state.last
    if (increment < 0) {
      state.resets++
      increment = value
    }
    state.last = value
    const sinceMovedMs = ts - state.movedAt
    if (increment !== 0) state.movedAt = ts
    while (ts - state.bucketStart >= this.bucketMs) {
      state.buckets.push(0)
      if (state.buckets.length > BUCKETS) state.buckets.shift()
      state.bucketStart += this.bucketMs
      if (ts - state.bucketStart > this.params.windowMs) {
        // A long gap: skip the empty buckets in one step.
        state.buckets = [0]
        state.bucketStart = ts
      }
    }
    const inWindow = sinceMovedMs > this.params.windowMs ? (increment * this.params.windowMs) / sinceMovedMs : increment
    state.buckets[state.buckets.length - 1] = (state.buckets.at(-1) ?? 0) + inWindow
    state.total += increment
    const count = this.perWindow
    state.score = count / this.params.maxPerWindow
    if (!state.active && count > this.params.maxPerWindow) {
      state.active = true
      return { state: 'fire', explanation: { message: `${this.params.metric} rose ${round(count)} in ${round(this.params.windowMs / 60_000)} min, more than ${this.params.maxPerWindow}`, value: round(count), limit: this.params.maxPerWindow } }
    }
    if (state.active && count <= this.params.maxPerWindow * 0.8) {
      state.active = false
      return { state: 'clear', explanation: { message: `${this.params.metric} rose ${round(count)} in ${round(this.params.windowMs / 60_000)} min`, value: round(count), limit: this.params.maxPerWindow } }
    }
    return undefined
  }
}
