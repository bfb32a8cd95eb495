import { describe, expect, it } from 'vitest'
import { parseRuleFile } from '../../../rules/load-rule-book.js'
import { effectiveRules } from '../../../rules/rule-overrides.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import { PUMP } from '../../helpers/registry-fixture.js'

const FILE = `equipmentType: pump
rules:
  - id: hot
    title: Hot
    metric: bearing_temp_c
    detector: threshold
    above: 80
    forSeconds: 0
    severity: critical
  - id: drift
    title: Drift
    metric: vibration_mm_s
    detector: ewma
    warmupSamples: 10
    sigmas: 4
    direction: up
    severity: warning
`
const parsed = parseRuleFile('pump.yaml', FILE)
const book = new Map([['pump' as const, parsed.rules]])
const sources = new Map([['pump' as const, parsed.sources]])

describe('effectiveRules', () => {
  it('lays override fields over the file and checks them like the file', () => {
    const { rules, problems } = effectiveRules(book, sources, { equipmentId: 'p1', equipmentType: 'pump', rules: { hot: { fields: { above: 90, forSeconds: 30 } } } })
    expect(problems).toEqual([])
    expect(rules.find((r) => r.id === 'hot')?.params).toMatchObject({ above: 90, forMs: 30_000 })
    expect(rules.find((r) => r.id === 'drift')).toBe(parsed.rules[1])
  })

  it('leaves a disabled rule out', () => {
    expect(effectiveRules(book, sources, { equipmentId: 'p1', equipmentType: 'pump', rules: { drift: { enabled: false } } }).rules.map((r) => r.id)).toEqual(['hot'])
  })

  it('reports an override that does not fit, naming the field, and runs the file rule instead', () => {
    const { rules, problems } = effectiveRules(book, sources, { equipmentId: 'p1', equipmentType: 'pump', rules: { hot: { fields: { above: 'hot', detector: 'ewma' } }, gone: { enabled: false } } })
    expect(problems).toEqual([
      'p1/hot.detector: cannot be overridden; write another rule instead',
      'p1/hot.above: expected a number, got "hot"',
      'p1/gone: no such rule for pump; the override is ignored'
    ])
    expect(rules.find((r) => r.id === 'hot')).toBe(parsed.rules[0])
  })
})

describe('RulesEngine.reload', () => {
  it('applies new rules at once, keeping what unchanged rules learned and starting changed ones afresh', () => {
    const engine = new RulesEngine(book)
    for (let i = 0; i < 20; i++) engine.evaluate(PUMP, { ts: i * 1000, metrics: { bearing_temp_c: 70, vibration_mm_s: 2 + (i % 2) * 0.1 } })
    const hotter = effectiveRules(book, sources, { equipmentId: PUMP.id, equipmentType: 'pump', rules: { hot: { fields: { above: 60 } } } }).rules
    engine.reload(book, new Map([[PUMP.id, hotter]]))
    const fired = engine.evaluate(PUMP, { ts: 21_000, metrics: { bearing_temp_c: 70, vibration_mm_s: 9 } })
    // The new limit fires at once; the EWMA kept its learned baseline, so the vibration jump fires too.
    expect(fired.map((t) => `${t.rule.id} ${t.state}`).sort()).toEqual(['drift fire', 'hot fire'])
    expect(engine.rulesFor(PUMP).find((r) => r.id === 'hot')?.params).toMatchObject({ above: 60 })
    expect(engine.rulesFor({ ...PUMP, id: 'p2' }).find((r) => r.id === 'hot')?.params).toMatchObject({ above: 80 })
  })
})
