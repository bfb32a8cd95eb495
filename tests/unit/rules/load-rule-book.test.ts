import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../core/config/config.js'
import { EQUIPMENT_TYPES } from '../../../core/domain/equipment.js'
import { METRIC_CATALOG } from '../../../core/domain/metric-catalog.js'
import { RuleFileError, loadRuleBook, parseRuleFile } from '../../../rules/load-rule-book.js'

describe('the shipped rule files', () => {
  it('load, cover every equipment type, and watch only catalogued metrics', async () => {
    const book = await loadRuleBook(loadConfig({}).rules.dir)
    expect([...book.keys()].sort()).toEqual([...EQUIPMENT_TYPES].sort())
    for (const [type, rules] of book) {
      expect(rules.length).toBeGreaterThan(0)
      for (const rule of rules) for (const metric of rule.metrics) expect(Object.keys(METRIC_CATALOG[type])).toContain(metric)
      expect(rules.find((r) => r.id === 'sensor-offline')).toMatchObject({ detector: 'heartbeat', severity: 'warning', workOrderKind: 'corrective', metrics: [] })
    }
    const pump = book.get('pump') ?? []
    expect(pump.find((r) => r.id === 'bearing-overheat')).toMatchObject({ detector: 'threshold', severity: 'critical', priority: 'urgent', params: { above: 80, clearAt: 70, forMs: 10_000 } })
    expect(pump.find((r) => r.id === 'vibration-rise')).toMatchObject({ detector: 'ewma', severity: 'warning', priority: 'normal' })
  })
})

describe('parseRuleFile', () => {
  it('names the file, line and field of every problem', () => {
    const text = [
      'equipmentType: pump', // 1
      'rules:', // 2
      '  - id: hot', // 3
      '    title: Hot', // 4
      '    metric: bearing_temp_c', // 5
      '    detector: threshold', // 6
      '    above: hot', // 7
      '    severity: critical', // 8
      '  - id: Bad Id', // 9
      '    title: x', // 10
      '    metric: vibration_mm_s', // 11
      '    detector: ewma', // 12
      '    lambda: 3', // 13
      '    severity: loud' // 14
    ].join('\n')
    const { problems, type } = parseRuleFile('pump.yaml', text)
    expect(type).toBeUndefined()
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pump\.yaml:7 rules\.0\.above: expected a number/),
        expect.stringMatching(/^pump\.yaml:9 rules\.1\.id: expected lowercase letters/),
        expect.stringMatching(/^pump\.yaml:14 rules\.1\.severity: expected one of info, warning, critical/),
        expect.stringMatching(/^pump\.yaml:13 rules\.1\.lambda: expected a number from 0\.001 to 1/)
      ])
    )
  })

  it('reads a heartbeat rule, which watches no metric, and names a bad timeout', () => {
    const good = parseRuleFile('pump.yaml', 'equipmentType: pump\nrules:\n  - {id: sensor-offline, title: Offline, detector: heartbeat, timeoutSeconds: 90, severity: warning, priority: low}\n')
    expect(good.problems).toEqual([])
    expect(good.rules[0]).toMatchObject({ detector: 'heartbeat', metric: '', metrics: [], priority: 'low', workOrderKind: 'corrective', params: { timeoutMs: 90_000 } })
    const text = [
      'equipmentType: pump', // 1
      'rules:', // 2
      '  - id: sensor-offline', // 3
      '    title: Offline', // 4
      '    detector: heartbeat', // 5
      '    timeoutSeconds: 0', // 6
      '    severity: warning', // 7
      '  - id: no-timeout', // 8
      '    title: Offline', // 9
      '    detector: heartbeat', // 10
      '    severity: warning' // 11
    ].join('\n')
    expect(parseRuleFile('pump.yaml', text).problems).toEqual([
      expect.stringMatching(/^pump\.yaml:6 rules\.0\.timeoutSeconds: expected a number from 1 to 604800, got 0/),
      expect.stringMatching(/^pump\.yaml:8 rules\.1\.timeoutSeconds: expected a number from 1 to 604800, got undefined/)
    ])
  })

  it('reads the checklist template a rule gives its work orders, and names an unknown one', () => {
    const rule = (checklist: string) => `equipmentType: pump\nrules:\n  - {id: drift, title: Drift, metric: vibration_mm_s, detector: threshold, above: 7, severity: warning, checklist: ${checklist}}\n`
    const good = parseRuleFile('pump.yaml', rule('pump-bearing-inspection'))
    expect(good.problems).toEqual([])
    expect(good.rules[0]?.checklistTemplateId).toBe('pump-bearing-inspection')
    expect(parseRuleFile('pump.yaml', rule('pump-overhaul')).problems).toEqual([expect.stringMatching(/^pump\.yaml:3 rules\.0\.checklist: expected one of .*pump-bearing-inspection.*, got "pump-overhaul"/)])
  })

  it('reports YAML syntax errors with their line', () => {
    const { problems } = parseRuleFile('elevator.yaml', 'equipmentType: elevator\nrules:\n  - id: [unclosed\n')
    expect(problems[0]).toMatch(/^elevator\.yaml:\d+ /)
  })

  it('refuses an unknown equipment type and duplicate rule ids', () => {
    const text = 'equipmentType: boiler\nrules:\n  - {id: a, title: A, metric: x, detector: threshold, above: 1, severity: info}\n  - {id: a, title: A, metric: x, detector: threshold, above: 1, severity: info}\n'
    const { problems } = parseRuleFile('boiler.yaml', text)
    expect(problems).toEqual([expect.stringContaining('equipmentType: expected elevator, pump or fire_system'), expect.stringContaining('rule id a is used twice')])
  })

  it('loadRuleBook throws one RuleFileError for a directory with bad files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rules-'))
    try {
      await writeFile(path.join(dir, 'pump.yaml'), 'equipmentType: pump\nrules: nope\n')
      await expect(loadRuleBook(dir)).rejects.toThrow(RuleFileError)
      await expect(loadRuleBook(dir)).rejects.toThrow(/pump\.yaml:2 rules: expected a list of rules/)
    } finally {
      await rm(dir, { recursive: true })
    }
  })
})
