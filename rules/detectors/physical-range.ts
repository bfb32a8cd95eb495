import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface PhysicalRangeParams {
  metric: string
  /** Values the quantity can physically take; outside them the sensor, not the equipment, is at fault. */
  min: number
  max: number
}

interface RangeState {
  active: boolean
  score: number
}

/** Out of physical range: a negative flow, a 900 °C bearing — a broken sensor or wiring, reported at once. */
export class PhysicalRangeDetector extends StatefulDetector<RangeState> {
  constructor(private readonly params: PhysicalRangeParams) {
    super({ active: false, score: 0 })
    if (!(params.min < params.max)) throw new Error('physical range: min must be below max')
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(_ts: number, value: number): DetectorSignal | undefined {
    const { min, max, metric } = this.params
    const outside = value < min || value > max
    this.state.score = outside ? 2 : 0
    if (outside === this.state.active) return undefined
    this.state.active = outside
    return outside
      ? { state: 'fire', explanation: { message: `${metric} ${round(value)} outside its physical range ${min}…${max}: sensor fault`, value: round(value), limit: value < min ? min : max } }
      : { state: 'clear', explanation: { message: `${metric} ${round(value)} within ${min}…${max} again`, value: round(value), limit: value < min ? min : max } }
  }
}
