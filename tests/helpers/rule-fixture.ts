import type { RuleDefinition } from '../../rules/rule-definition.js'

/** A pump bearing above 80 °C at once: the simplest rule that opens an urgent corrective work order. */
export const BEARING_HOT: RuleDefinition = {
  id: 'bearing-overheat',
  title: 'Pump bearing overheating',
  metric: 'bearing_temp_c',
  metrics: ['bearing_temp_c'],
  severity: 'critical',
  priority: 'urgent',
  workOrderKind: 'corrective',
  detector: 'threshold',
  params: { metric: 'bearing_temp_c', above: 80, forMs: 0 }
}
