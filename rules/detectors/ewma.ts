import { round } from './detector.js'
import type { Detector, DetectorSignal } from './detector.js'

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

/**
 * EWMA control chart (Roberts 1959) against a slowly adapting baseline. The baseline mean and
 * variance are learned over a warm-up, then follow the series with a small weight only while it
 * is in control, so daily load cycles are absorbed but a developing fault is not. Fires when the
 * EWMA leaves mean ± sigmas·σ·√(λ/(2−λ)); clears when it is back within half of that.
 */
export class EwmaDetector implements Detector {
  private count = 0
  private mean = 0
  private m2 = 0
  private variance = 0
  private statistic = 0
  private isActive = false
  private readonly spread: number

  constructor(private readonly params: EwmaParams) {
    if (!(params.lambda > 0 && params.lambda <= 1)) throw new Error('ewma: lambda must be in (0, 1]')
    this.spread = Math.sqrt(params.lambda / (2 - params.lambda))
  }

  get active(): boolean {
    return this.isActive
  }

  update(_ts: number, value: number): DetectorSignal | undefined {
    const { lambda, warmupSamples, baselineAlpha } = this.params
    if (this.count < warmupSamples) {
      // Welford's online mean and variance.
      this.count++
      const delta = value - this.mean
      this.mean += delta / this.count
      this.m2 += delta * (value - this.mean)
      this.variance = this.count > 1 ? this.m2 / (this.count - 1) : 0
      this.statistic = this.mean
      return undefined
    }
    this.statistic = lambda * value + (1 - lambda) * this.statistic
    const limitWidth = this.params.sigmas * Math.max(Math.sqrt(this.variance), this.params.minStdDev) * this.spread
    const deviation = this.statistic - this.mean
    const outside = this.exceeds(deviation, limitWidth)

    if (!this.isActive && !outside) {
      const delta = value - this.mean
      this.mean += baselineAlpha * delta
      this.variance = (1 - baselineAlpha) * (this.variance + baselineAlpha * delta * delta)
      return undefined
    }
    if (!this.isActive) {
      this.isActive = true
      const limit = this.mean + Math.sign(deviation) * limitWidth
      return {
        state: 'fire',
        explanation: {
          message: `${this.params.metric} EWMA ${round(this.statistic)} beyond the control limit ${round(limit)} (baseline ${round(this.mean)})`,
          value: round(this.statistic),
          limit: round(limit),
          baseline: round(this.mean)
        }
      }
    }
    if (Math.abs(deviation) < limitWidth / 2) {
      this.isActive = false
      return {
        state: 'clear',
        explanation: {
          message: `${this.params.metric} EWMA ${round(this.statistic)} back near the baseline ${round(this.mean)}`,
          value: round(this.statistic),
          limit: round(this.mean + Math.sign(deviation) * limitWidth / 2),
          baseline: round(this.mean)
        }
      }
    }
    return undefined
  }

  private exceeds(deviation: number, width: number): boolean {
    switch (this.params.direction) {
      case 'up':
        return deviation > width
      case 'down':
        return deviation < -width
      case 'both':
        return Math.abs(deviation) > width
    }
  }
}
