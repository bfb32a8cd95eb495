import { describe, expect, it } from 'vitest'
import type { Equipment } from '../../../core/domain/equipment.js'
import { parseRuleFile } from '../../../rules/load-rule-book.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'
import { RulesEngine } from '../../../rules/rules-engine.js'

const RULES = `equipmentType: pump
rules:
  - {id: hot, title: Hot bearing, metric: bearing_temp_c, detector: threshold, above: 80, clearAt: 70, forSeconds: 2, severity: critical}
  - {id: loud, title: Loud, metric: vibration_mm_s, detector: threshold, above: 7, forSeconds: 0, severity: warning}
`
const pump = (id: string): Equipment => ({ id, siteId: 's', buildingId: 'b', type: 'pump', name: id, location: 'here' })

function engine(): RulesEngine {
  const parsed = parseRuleFile('pump.yaml', RULES)
  if (parsed.type === undefined) throw new Error(parsed.problems.join('\n'))
  return new RulesEngine(new Map([[parsed.type, parsed.rules]]))
}

describe('RulesEngine', () => {
  it('keeps one detector per equipment and rule', () => {
    const rules = engine()
    const transitions: RuleTransition[] = []
    for (let s = 0; s <= 3; s++) {
      rules.evaluate(pump('p1'), { ts: s * 1000, metrics: { bearing_temp_c: 85 } }, transitions)
      rules.evaluate(pump('p2'), { ts: s * 1000, metrics: { bearing_temp_c: 50 } }, transitions)
    }
    expect(transitions.map((t) => `${t.equipment.id}:${t.rule.id}:${t.state}@${t.ts}`)).toEqual(['p1:hot:fire@2000'])
  })

  it('evaluates only the rules whose metric is in the reading', () => {
    const transitions = engine().evaluate(pump('p1'), { ts: 0, metrics: { vibration_mm_s: 9 } })
    expect(transitions.map((t) => t.rule.id)).toEqual(['loud'])
  })

  it('leaves heartbeat rules to the heartbeat monitor', () => {
    const parsed = parseRuleFile('pump.yaml', `${RULES}  - {id: sensor-offline, title: Offline, detector: heartbeat, timeoutSeconds: 60, severity: warning}\n`)
    const rules = new RulesEngine(new Map([[parsed.type ?? 'pump', parsed.rules]]))
    expect(rules.evaluate(pump('p1'), { ts: 0, metrics: { vibration_mm_s: 9 } }).map((t) => t.rule.id)).toEqual(['loud'])
    expect(rules.snapshot('p1')).not.toHaveProperty('sensor-offline')
  })

  it('ignores equipment types it has no rules for', () => {
    const elevator: Equipment = { ...pump('e1'), type: 'elevator' }
    expect(engine().evaluate(elevator, { ts: 0, metrics: { bearing_temp_c: 500 } })).toEqual([])
  })
})
