import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface FlatlineParams {
  metric: string
  /** The value must not move by more than this (the sensor's resolution)... */
  tolerance: number
  /** ...for this long before the sensor is called stuck. */
  minDurationMs: number
}

interface FlatlineState {
  reference: number
  since: number | null
  lastTs: number
  active: boolean
  score: number
}

/**
 * A stuck sensor: a live analogue signal never repeats itself exactly for minutes. A silence
 * longer than that (the device was offline) restarts the count: a reading that happens to equal
 * the last one before the outage is not minutes of repetition.
 */
export class FlatlineDetector extends StatefulDetector<FlatlineState> {
  constructor(private readonly params: FlatlineParams) {
    super({ reference: 0, since: null, lastTs: 0, active: false, score: 0 })
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    const silentMs = ts - state.lastTs
    state.lastTs = ts
    const moved = Math.abs(value - state.reference) > this.params.tolerance
    if (state.since === null || moved || (!state.active && silentMs > this.params.minDurationMs)) {
      const wasActive = state.active
      state.reference = value
      state.since = ts
      state.active = false
      state.score = 0
      return wasActive ? { state: 'clear', explanation: { message: `${this.params.metric} moving again (${round(value)})`, value: round(value), limit: this.params.tolerance } } : undefined
    }
    const stuckMs = ts - state.since
    state.score = stuckMs / this.params.minDurationMs
    if (state.active || stuckMs < this.params.minDurationMs) return undefined
    state.active = true
    return {
      state: 'fire',
      explanation: { message: `${this.params.metric} stuck at ${round(state.reference)} for ${round(stuckMs / 60_000, 1)} min: sensor fault?`, value: round(value), limit: this.params.tolerance }
    }
  }
}
