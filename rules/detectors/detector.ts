import type { AlertExplanation } from '../../core/domain/alert.js'

/** A detector changed its mind: the condition started ('fire') or ended ('clear'). */
export interface DetectorSignal {
  state: 'fire' | 'clear'
  explanation: AlertExplanation
}

/**
 * A streaming detector over one series (or, for multivariate detectors, one vector of series): `update` is O(1) in time (amortised where the file says
 * so) and memory is bounded, and it returns a signal only when the state changes, so a condition
 * that persists is reported once.
 */
export interface Detector<V = number> {
  update(ts: number, value: V): DetectorSignal | undefined
  readonly active: boolean
  /**
   * How far the last reading was toward the detector's limit: 0 is normal, 1 is at the limit,
   * above 1 beyond it. Feeds the health score.
   */
  readonly score: number
  /** All the detector's learned state, as plain JSON; restore() on a detector with the same parameters resumes exactly. */
  snapshot(): unknown
  restore(snapshot: unknown): void
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/**
 * Base for detectors whose whole learned state is one plain object: snapshot() copies it,
 * restore() takes one back (after checking it has the same fields).
 */
export abstract class StatefulDetector<S extends object, V = number> implements Detector<V> {
  protected state: S
  private readonly initial: S

  constructor(initial: S) {
    this.initial = structuredClone(initial)
    this.state = initial
  }

  abstract update(ts: number, value: V): DetectorSignal | undefined
  abstract readonly active: boolean
  abstract readonly score: number

  snapshot(): S {
    return structuredClone(this.state)
  }

  restore(snapshot: unknown): void {
    if (typeof snapshot !== 'object' || snapshot === null) throw new Error('detector snapshot: expected an object')
    for (const key of Object.keys(this.initial)) {
      if (!(key in snapshot)) throw new Error(`detector snapshot: missing ${key} (the rule changed?)`)
    }
    this.state = structuredClone(snapshot) as S
  }
}
