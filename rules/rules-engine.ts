import type { AlertExplanation } from '../core/domain/alert.js'
import type { Equipment } from '../core/domain/equipment.js'
import type { Reading } from '../core/telemetry/decode-telemetry.js'
import type { DetectorSignal } from './detectors/detector.js'
import { createDetector } from './rule-definition.js'
import type { RuleBook, RuleDefinition, RuleDetector } from './rule-definition.js'

/** A rule's condition started or ended on one piece of equipment. */
export interface RuleTransition {
  rule: RuleDefinition
  equipment: Equipment
  state: 'fire' | 'clear'
  /** Device time of the reading that caused it, epoch ms. */
  ts: number
  explanation: AlertExplanation
}

/** One equipment's detectors, one per rule of its type, with a reusable vector for multivariate rules. */
interface EquipmentDetectors {
  detectors: RuleDetector[]
  vectors: (number[] | undefined)[]
}

/**
 * Runs every rule of an equipment's type over its readings, with one detector per equipment and
 * rule. Pure: no I/O, so a whole day of readings is evaluated in milliseconds in a test.
 */
export class RulesEngine {
  private readonly equipment = new Map<string, EquipmentDetectors>()

  constructor(private readonly book: RuleBook) {}

  evaluate(equipment: Equipment, reading: Reading, transitions: RuleTransition[] = []): RuleTransition[] {
    const rules = this.book.get(equipment.type)
    if (rules === undefined) return transitions
    const own = this.detectorsOf(equipment.id, rules)
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as RuleDefinition
      const slot = own.detectors[i] as RuleDetector
      let signal: DetectorSignal | undefined
      if (slot.kind === 'scalar') {
        const value = reading.metrics[rule.metric]
        if (typeof value !== 'number') continue
        signal = slot.detector.update(reading.ts, value)
      } else {
        const vector = own.vectors[i] as number[]
        let complete = true
        for (let m = 0; m < rule.metrics.length && complete; m++) {
          const value = reading.metrics[rule.metrics[m] as string]
          if (typeof value === 'number') vector[m] = value
          else complete = false
        }
        if (!complete) continue
        signal = slot.detector.update(reading.ts, vector)
      }
      if (signal !== undefined) transitions.push({ rule, equipment, state: signal.state, ts: reading.ts, explanation: signal.explanation })
    }
    return transitions
  }

  /** Each rule's detector of one piece of equipment (created on first use). */
  detectorsOf(equipmentId: string, rules: readonly RuleDefinition[]): EquipmentDetectors {
    let own = this.equipment.get(equipmentId)
    if (own === undefined) {
      own = { detectors: rules.map(createDetector), vectors: rules.map((rule) => (rule.detector === 'multivariate' ? new Array<number>(rule.metrics.length).fill(0) : undefined)) }
      this.equipment.set(equipmentId, own)
    }
    return own
  }
}
