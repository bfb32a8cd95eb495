import type { AlertExplanation } from '../../core/domain/alert.js'

/** A detector changed its mind: the condition started ('fire') or ended ('clear'). */
export interface DetectorSignal {
  state: 'fire' | 'clear'
  explanation: AlertExplanation
}

/**
 * A streaming detector over one series: `update` is O(1) in time and memory and returns a signal
 * only when the state changes, so a condition that persists is reported once.
 */
export interface Detector {
  update(ts: number, value: number): DetectorSignal | undefined
  readonly active: boolean
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
