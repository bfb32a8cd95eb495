import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface ThresholdParams {
  metric: string
  /** Fires above this value... */
  above?: number | undefined
  /** ...or below this one (exactly one of the two). */
  below?: number | undefined
  /**
   * Hysteresis: once fired, clears only back past this value (below it for `above`, above it
   * for `below`), so a reading that hovers at the limit does not flap. Default: the limit.
   */
  clearAt?: number | undefined
  /** The limit must be breached this long (device time, ms) before the detector fires. */
  forMs: number
}

interface ThresholdState {
  breachedSince: number | null
  active: boolean
  score: number
}

/** A fixed limit with hysteresis and a minimum duration. */
export class ThresholdDetector extends StatefulDetector<ThresholdState> {
  private readonly limit: number
  private readonly clearAt: number
  private readonly upward: boolean
  private readonly scale: number

  constructor(private readonly params: ThresholdParams) {
    super({ breachedSince: null, active: false, score: 0 })
    if ((params.above === undefined) === (params.below === undefined)) throw new Error('threshold: give exactly one of above and below')
    this.upward = params.above !== undefined
    this.limit = (params.above ?? params.below) as number
    this.clearAt = params.clearAt ?? this.limit
    this.scale = Math.abs(this.limit) > 0 ? Math.abs(this.limit) : 1
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    const state = this.state
    // 1 at the limit, 0 a tenth of the limit's magnitude on the safe side.
    state.score = Math.max(0, 1 + ((this.upward ? value - this.limit : this.limit - value) / this.scale) * 10)
    if (!state.active) {
      const breached = this.upward ? value > this.limit : value < this.limit
      if (!breached) {
        state.breachedSince = null
        return undefined
      }
      state.breachedSince ??= ts
      if (ts - state.breachedSince < this.params.forMs) return undefined
      state.active = true
      const seconds = round((ts - state.breachedSince) / 1000, 1)
      return {
        state: 'fire',
        explanation: { message: `${this.params.metric} ${round(value)} ${this.upward ? 'above' : 'below'} ${this.limit} for ${seconds} s`, value: round(value), limit: this.limit }
      }
    }
    const cleared = this.upward ? value < this.clearAt : value > this.clearAt
    if (!cleared) return undefined
    state.active = false
    state.breachedSince = null
    return {
      state: 'clear',
      explanation: { message: `${this.params.metric} ${round(value)} back ${this.upward ? 'below' : 'above'} ${this.clearAt}`, value: round(value), limit: this.clearAt }
    }
  }
}
