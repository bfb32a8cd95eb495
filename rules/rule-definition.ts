import type { AlertSeverity } from '../core/domain/alert.js'
import type { EquipmentType } from '../core/domain/equipment.js'
import type { WorkOrderPriority } from '../core/domain/work-order.js'
import { CounterRateDetector } from './detectors/counter-rate.js'
import type { CounterRateParams } from './detectors/counter-rate.js'
import { CusumDetector } from './detectors/cusum.js'
import type { CusumParams } from './detectors/cusum.js'
import type { Detector } from './detectors/detector.js'
import { EwmaDetector } from './detectors/ewma.js'
import type { EwmaParams } from './detectors/ewma.js'
import { FlatlineDetector } from './detectors/flatline.js'
import type { FlatlineParams } from './detectors/flatline.js'
import type { HeartbeatParams } from './detectors/heartbeat.js'
import { MahalanobisDetector } from './detectors/mahalanobis.js'
import type { MahalanobisParams } from './detectors/mahalanobis.js'
import { PhysicalRangeDetector } from './detectors/physical-range.js'
import type { PhysicalRangeParams } from './detectors/physical-range.js'
import { RateOfChangeDetector } from './detectors/rate-of-change.js'
import type { RateOfChangeParams } from './detectors/rate-of-change.js'
import { RobustZDetector } from './detectors/robust-z.js'
import type { RobustZParams } from './detectors/robust-z.js'
import { ThresholdDetector } from './detectors/threshold.js'
import type { ThresholdParams } from './detectors/threshold.js'
import { TrendForecastDetector } from './detectors/trend-forecast.js'
import type { TrendForecastParams } from './detectors/trend-forecast.js'

export const DETECTOR_KINDS = ['threshold', 'ewma', 'cusum', 'rate_of_change', 'robust_z', 'trend', 'flatline', 'range', 'counter', 'multivariate', 'heartbeat'] as const
export type DetectorKind = (typeof DETECTOR_KINDS)[number]

interface RuleCommon {
  id: string
  title: string
  /** The metric the rule watches (for a multivariate rule, its metrics joined by '+'; none, '', for a heartbeat rule). */
  metric: string
  /** Every metric the rule needs in a reading. */
  metrics: readonly string[]
  severity: AlertSeverity
  /** Priority of the work order the alert opens. */
  priority: WorkOrderPriority
  /** Preventive work acts on an early warning (nothing has failed yet); corrective repairs what has. */
  workOrderKind: 'corrective' | 'preventive'
  /** The inspection steps (a checklist template id) the work order it opens carries. */
  checklistTemplateId?: string
}

export type RuleDefinition =
  | (RuleCommon & { detector: 'threshold'; params: ThresholdParams })
  | (RuleCommon & { detector: 'ewma'; params: EwmaParams })
  | (RuleCommon & { detector: 'cusum'; params: CusumParams })
  | (RuleCommon & { detector: 'rate_of_change'; params: RateOfChangeParams })
  | (RuleCommon & { detector: 'robust_z'; params: RobustZParams })
  | (RuleCommon & { detector: 'trend'; params: TrendForecastParams })
  | (RuleCommon & { detector: 'flatline'; params: FlatlineParams })
  | (RuleCommon & { detector: 'range'; params: PhysicalRangeParams })
  | (RuleCommon & { detector: 'counter'; params: CounterRateParams })
  | (RuleCommon & { detector: 'multivariate'; params: MahalanobisParams })
  | (RuleCommon & { detector: 'heartbeat'; params: Omit<HeartbeatParams, 'deviceId'> })

/**
 * A heartbeat rule judges a device's silence, not its readings: the heartbeat monitor runs it on
 * a timer (rules/heartbeat-monitor.ts); the rules engine runs every other rule, reading by reading.
 */
export type HeartbeatRule = Extract<RuleDefinition, { detector: 'heartbeat' }>
export type ReadingRule = Exclude<RuleDefinition, { detector: 'heartbeat' }>

export function isHeartbeatRule(rule: RuleDefinition): rule is HeartbeatRule {
  return rule.detector === 'heartbeat'
}

/** The rules of every equipment type, as loaded from the YAML files. */
export type RuleBook = ReadonlyMap<EquipmentType, readonly RuleDefinition[]>

/** A rule's detector: over one metric's values, or (multivariate) over the vector of its metrics. */
export type RuleDetector = { kind: 'scalar'; detector: Detector } | { kind: 'vector'; detector: Detector<readonly number[]> }

export function createDetector(rule: ReadingRule): RuleDetector {
  switch (rule.detector) {
    case 'threshold':
      return { kind: 'scalar', detector: new ThresholdDetector(rule.params) }
    case 'ewma':
      return { kind: 'scalar', detector: new EwmaDetector(rule.params) }
    case 'cusum':
      return { kind: 'scalar', detector: new CusumDetector(rule.params) }
    case 'rate_of_change':
      return { kind: 'scalar', detector: new RateOfChangeDetector(rule.params) }
    case 'robust_z':
      return { kind: 'scalar', detector: new RobustZDetector(rule.params) }
    case 'trend':
      return { kind: 'scalar', detector: new TrendForecastDetector(rule.params) }
    case 'flatline':
      return { kind: 'scalar', detector: new FlatlineDetector(rule.params) }
    case 'range':
      return { kind: 'scalar', detector: new PhysicalRangeDetector(rule.params) }
    case 'counter':
      return { kind: 'scalar', detector: new CounterRateDetector(rule.params) }
    case 'multivariate':
      return { kind: 'vector', detector: new MahalanobisDetector(rule.params) }
  }
}
