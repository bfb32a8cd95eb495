import type { AlertExplanation, Forecast } from '../core/domain/alert.js'
import type { Equipment, EquipmentType } from '../core/domain/equipment.js'
import type { Reading } from '../core/telemetry/decode-telemetry.js'
import type { DetectorSignal } from './detectors/detector.js'
import { TrendForecastDetector } from './detectors/trend-forecast.js'
import { createDetector, isHeartbeatRule } from './rule-definition.js'
import type { ReadingRule, RuleBook, RuleDefinition, RuleDetector } from './rule-definition.js'

/** A rule's condition started or ended on one piece of equipment. */
export interface RuleTransition {
  rule: RuleDefinition
  equipment: Equipment
  state: 'fire' | 'clear'
  /** Device time of the reading that caused it, epoch ms. */
  ts: number
  explanation: AlertExplanation
}

/** What one rule's detector makes of an equipment right now. */
export interface DetectorState {
  rule: ReadingRule
  /** 0 normal, 1 at the limit (rules/detectors/detector.ts). */
  score: number
  active: boolean
  forecast?: Forecast
}

/** One equipment's detector state by rule id, with the parameters it was learned under. */
export type EquipmentDetectorSnapshot = Record<string, { params: string; state: unknown }>

/** One equipment's detectors, one per rule of its type, with a reusable vector for multivariate rules. */
interface EquipmentDetectors {
  rules: readonly ReadingRule[]
  detectors: RuleDetector[]
  vectors: (number[] | undefined)[]
}

/**
 * Runs every rule of an equipment's type over its readings, with one detector per equipment and
 * rule. Pure: no I/O, so a whole day of readings is evaluated in milliseconds in a test. Heartbeat
 * rules judge a silence no reading reports: rules/heartbeat-monitor.ts runs those.
 */
export class RulesEngine {
  private readonly equipment = new Map<string, EquipmentDetectors>()
  /** Saved state of equipment not seen yet since the start, applied when its detectors are made. */
  private readonly pending = new Map<string, EquipmentDetectorSnapshot>()

  private fullBook: RuleBook = new Map()
  private book: ReadonlyMap<EquipmentType, readonly ReadingRule[]> = new Map()
  /** Equipment whose rules differ from their type's (overrides), in full and as evaluated. */
  private fullOwnRules: ReadonlyMap<string, readonly RuleDefinition[]> = new Map()
  private ownRules: ReadonlyMap<string, readonly ReadingRule[]> = new Map()

  constructor(book: RuleBook, perEquipment?: ReadonlyMap<string, readonly RuleDefinition[]>) {
    this.reload(book, perEquipment)
  }

  /**
   * New rules, without a restart: each equipment's detectors are made again from the new rules,
   * resuming the learned state of every rule whose parameters did not change.
   */
  reload(book: RuleBook, perEquipment: ReadonlyMap<string, readonly RuleDefinition[]> = new Map()): void {
    for (const equipmentId of this.equipment.keys()) this.pending.set(equipmentId, this.snapshot(equipmentId) ?? {})
    this.equipment.clear()
    this.fullBook = book
    this.book = new Map([...book].map(([type, rules]) => [type, readingRules(rules)]))
    this.fullOwnRules = perEquipment
    this.ownRules = new Map([...perEquipment].map(([equipmentId, rules]) => [equipmentId, readingRules(rules)]))
  }

  /** The rules this equipment runs (heartbeat rules included), overrides applied. */
  rulesFor(equipment: Equipment): readonly RuleDefinition[] {
    return this.fullOwnRules.get(equipment.id) ?? this.fullBook.get(equipment.type) ?? []
  }

  /** Detector state of one equipment, as plain JSON; undefined if it has not been seen. */
  snapshot(equipmentId: string): EquipmentDetectorSnapshot | undefined {
    const own = this.equipment.get(equipmentId)
    if (own === undefined) return this.pending.get(equipmentId)
    const result: EquipmentDetectorSnapshot = {}
    own.rules.forEach((rule, i) => {
      result[rule.id] = { params: JSON.stringify(rule.params), state: (own.detectors[i] as RuleDetector).detector.snapshot() }
    })
    return result
  }

  /**
   * Resumes an equipment's detectors from a snapshot when they are next made. A rule whose
   * parameters changed since (or whose state does not fit) starts afresh, and so does a new rule.
   */
  restore(equipmentId: string, snapshot: EquipmentDetectorSnapshot): void {
    this.equipment.delete(equipmentId)
    this.pending.set(equipmentId, snapshot)
  }

  evaluate(equipment: Equipment, reading: Reading, transitions: RuleTransition[] = []): RuleTransition[] {
    const rules = this.ownRules.get(equipment.id) ?? this.book.get(equipment.type)
    if (rules === undefined) return transitions
    const own = this.detectorsOf(equipment.id, rules)
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as ReadingRule
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

  /** How each rule's detector of this equipment judges it now (for the health score); empty if not seen yet. */
  detectorStates(equipmentId: string): DetectorState[] {
    const own = this.equipment.get(equipmentId)
    if (own === undefined) return []
    return own.rules.map((rule, i) => {
      const { detector } = own.detectors[i] as RuleDetector
      const state: DetectorState = { rule, score: detector.score, active: detector.active }
      if (detector instanceof TrendForecastDetector && detector.forecast !== undefined) state.forecast = detector.forecast
      return state
    })
  }

  /** Each rule's detector of one piece of equipment (created on first use, from its snapshot if there is one). */
  detectorsOf(equipmentId: string, rules: readonly ReadingRule[]): EquipmentDetectors {
    let own = this.equipment.get(equipmentId)
    if (own === undefined) {
      own = { rules, detectors: rules.map(createDetector), vectors: rules.map((rule) => (rule.detector === 'multivariate' ? new Array<number>(rule.metrics.length).fill(0) : undefined)) }
      const saved = this.pending.get(equipmentId)
      if (saved !== undefined) {
        this.pending.delete(equipmentId)
        restoreDetectors(own, saved)
      }
      this.equipment.set(equipmentId, own)
    }
    return own
  }
}

function readingRules(rules: readonly RuleDefinition[]): ReadingRule[] {
  return rules.filter((rule): rule is ReadingRule => !isHeartbeatRule(rule))
}

function restoreDetectors(own: EquipmentDetectors, saved: EquipmentDetectorSnapshot): void {
  own.rules.forEach((rule, i) => {
    const entry = saved[rule.id]
    if (entry === undefined || entry.params !== JSON.stringify(rule.params)) return
    const slot = own.detectors[i] as RuleDetector
    try {
      slot.detector.restore(entry.state)
    } catch {
      own.detectors[i] = createDetector(rule) // the state does not fit: learn again
    }
  })
}
