import type { AlertExplanation } from '../core/domain/alert.js'
import type { Equipment } from '../core/domain/equipment.js'
import type { Reading } from '../core/telemetry/decode-telemetry.js'
import type { Detector } from './detectors/detector.js'
import { createDetector } from './rule-definition.js'
import type { RuleBook, RuleDefinition } from './rule-definition.js'

/** A rule's condition started or ended on one piece of equipment. */
export interface RuleTransition {
  rule: RuleDefinition
  equipment: Equipment
  state: 'fire' | 'clear'
  /** Device time of the reading that caused it, epoch ms. */
  ts: number
  explanation: AlertExplanation
}

/**
 * Runs every rule of an equipment's type over its readings, with one detector per equipment and
 * rule. Pure: no I/O, so a whole day of readings is evaluated in milliseconds in a test.
 */
export class RulesEngine {
  private readonly detectors = new Map<string, Detector[]>()

  constructor(private readonly book: RuleBook) {}

  evaluate(equipment: Equipment, reading: Reading, transitions: RuleTransition[] = []): RuleTransition[] {
    const rules = this.book.get(equipment.type)
    if (rules === undefined) return transitions
    let detectors = this.detectors.get(equipment.id)
    if (detectors === undefined) {
      detectors = rules.map(createDetector)
      this.detectors.set(equipment.id, detectors)
    }
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as RuleDefinition
      const value = reading.metrics[rule.metric]
      if (typeof value !== 'number') continue
      const signal = (detectors[i] as Detector).update(reading.ts, value)
      if (signal !== undefined) transitions.push({ rule, equipment, state: signal.state, ts: reading.ts, explanation: signal.explanation })
    }
    return transitions
  }
}
