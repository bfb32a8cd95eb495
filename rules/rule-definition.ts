import type { AlertSeverity } from '../core/domain/alert.js'
import type { EquipmentType } from '../core/domain/equipment.js'
import type { WorkOrderPriority } from '../core/domain/work-order.js'
import type { Detector } from './detectors/detector.js'
import { EwmaDetector } from './detectors/ewma.js'
import type { EwmaParams } from './detectors/ewma.js'
import { ThresholdDetector } from './detectors/threshold.js'
import type { ThresholdParams } from './detectors/threshold.js'

interface RuleCommon {
  id: string
  title: string
  metric: string
  severity: AlertSeverity
  /** Priority of the work order the alert opens. */
  priority: WorkOrderPriority
}

export type RuleDefinition =
  | (RuleCommon & { detector: 'threshold'; params: ThresholdParams })
  | (RuleCommon & { detector: 'ewma'; params: EwmaParams })

/** The rules of every equipment type, as loaded from the YAML files. */
export type RuleBook = ReadonlyMap<EquipmentType, readonly RuleDefinition[]>

export function createDetector(rule: RuleDefinition): Detector {
  switch (rule.detector) {
    case 'threshold':
      return new ThresholdDetector(rule.params)
    case 'ewma':
      return new EwmaDetector(rule.params)
  }
}
