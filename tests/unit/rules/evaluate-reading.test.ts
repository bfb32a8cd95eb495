import { describe, expect, it } from 'vitest'
import type { Equipment } from '../../../core/domain/equipment.js'
import { evaluateReading } from '../../../rules/evaluate-reading.js'
import { parseRuleFile } from '../../../rules/load-rule-book.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'

const RULES = `equipmentType: pump
rules:
  - id: hot
    title: Hot
    metric: bearing_temp_c
    detector: threshold
    above: 80
    severity: critical
`

describe('evaluateReading', () => {
  it('submits each transition of the reading, then advances the alert clock to its time', () => {
    const engine = new RulesEngine(new Map([['pump', parseRuleFile('pump.yaml', RULES).rules]]))
    const pump: Equipment = { id: 'p-1', siteId: 's', buildingId: 'b', type: 'pump', name: 'P1', location: 'B2' }
    const calls: string[] = []
    const alerts = {
      submit: (transition: RuleTransition) => void calls.push(`submit ${transition.rule.id} ${transition.state} ${transition.ts}`),
      advance: (equipment: Equipment, ts: number) => void calls.push(`advance ${equipment.id} ${ts}`)
    }
    const scratch: RuleTransition[] = []
    evaluateReading(engine, alerts, pump, { ts: 1000, metrics: { bearing_temp_c: 90 } }, scratch)
    evaluateReading(engine, alerts, pump, { ts: 2000, metrics: { bearing_temp_c: 95 } }, scratch)
    evaluateReading(engine, alerts, pump, { ts: 3000, metrics: { bearing_temp_c: 50 } }, scratch)
    expect(calls).toEqual(['submit hot fire 1000', 'advance p-1 1000', 'advance p-1 2000', 'submit hot clear 3000', 'advance p-1 3000'])
  })
})
