import { round } from './detector.js'
import type { Detector, DetectorSignal } from './detector.js'

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

/** A fixed limit with hysteresis and a minimum duration. */
export class ThresholdDetector implements Detector {
  private breachedSince: number | undefined
  private isActive = false
  private readonly limit: number
  private readonly clearAt: number
  private readonly upward: boolean

  constructor(private readonly params: ThresholdParams) {
    if ((params.above === undefined) === (params.below === undefined)) throw new Error('threshold: give exactly one of above and below')
    this.upward = params.above !== undefined
    this.limit = (params.above ?? params.below) as number
    this.clearAt = params.clearAt ?? this.limit
  }

  get active(): boolean {
    return this.isActive
  }

  update(ts: number, value: number): DetectorSignal | undefined {
    if (!this.isActive) {
      const breached = this.upward ? value > this.limit : value < this.limit
      if (!breached) {
        this.breachedSince = undefined
        return undefined
      }
      this.breachedSince ??= ts
      if (ts - this.breachedSince < this.params.forMs) return undefined
      this.isActive = true
      const seconds = round((ts - this.breachedSince) / 1000, 1)
      return {
        state: 'fire',
        explanation: {
          message: `${this.params.metric} ${round(value)} ${this.upward ? 'above' : 'below'} ${this.limit} for ${seconds} s`,
          value: round(value),
          limit: this.limit
        }
      }
    }
    const cleared = this.upward ? value < this.clearAt : value > this.clearAt
    if (!cleared) return undefined
    this.isActive = false
    this.breachedSince = undefined
    return {
      state: 'clear',
      explanation: {
        message: `${this.params.metric} ${round(value)} back ${this.upward ? 'below' : 'above'} ${this.clearAt}`,
        value: round(value),
        limit: this.clearAt
      }
    }
  }
}
