import { describe, expect, it } from 'vitest'
import { healthScore } from '../../../rules/health-score.js'
import type { ReadingRule, RuleDefinition } from '../../../rules/rule-definition.js'

const rule = (id: string, severity: 'critical' | 'warning' | 'info', detector: 'threshold' | 'trend' = 'threshold'): ReadingRule =>
  ({ id, title: `Rule ${id}`, metric: 'm', metrics: ['m'], severity, priority: 'normal', workOrderKind: 'corrective', detector, params: {} }) as unknown as ReadingRule
const heartbeat = { id: 'sensor-offline', title: 'Sensor offline', metric: '', metrics: [], severity: 'warning', priority: 'low', workOrderKind: 'corrective', detector: 'heartbeat', params: { timeoutMs: 120_000 } } as unknown as RuleDefinition

const HOT = rule('hot', 'critical')
const DRIFT = rule('drift', 'warning')
const TREND = { ...rule('trend', 'warning', 'trend'), params: { above: 80 } } as unknown as ReadingRule
const rules = [HOT, DRIFT, TREND, heartbeat]
const quiet = (r: ReadingRule, score = 0) => ({ rule: r, score, active: false })

describe('healthScore', () => {
  it('is 100 with no open alert and every detector well inside its limits', () => {
    expect(healthScore(rules, [], [quiet(HOT, 0.2), quiet(DRIFT, 0.49)])).toEqual({ score: 100, reasons: [] })
  })

  it('takes points off for open alerts by severity, worst first', () => {
    const health = healthScore(rules, [{ ruleId: 'drift', flapping: true }, { ruleId: 'hot', flapping: false }], [quiet(HOT, 1.3), quiet(DRIFT, 1)])
    expect(health.score).toBe(25)
    expect(health.reasons.map((r) => [r.kind, r.ruleId, r.penalty])).toEqual([
      ['alert', 'hot', 50],
      ['alert', 'drift', 25]
    ])
    expect(health.reasons[1]?.message).toContain('(flapping)')
  })

  it('takes up to 20 points for a detector past half way to its limit, and names a forecast crossing with its limit for the chart', () => {
    const forecast = { crossingAt: '2026-12-05T00:00:00.000Z', earliest: '2026-12-04T00:00:00.000Z', latest: '2026-12-06T00:00:00.000Z', slopePerHour: 0.1 }
    const health = healthScore(rules, [], [quiet(HOT, 0.75), { rule: TREND, score: 1, active: false, forecast }])
    expect(health.reasons).toEqual([
      {
        kind: 'forecast',
        ruleId: 'trend',
        penalty: 20,
        message: 'm forecast to cross its limit around 2026-12-05T00:00:00.000Z (2026-12-04T00:00:00.000Z – 2026-12-06T00:00:00.000Z)',
        metric: 'm',
        forecast: { ...forecast, limit: 80 }
      },
      { kind: 'anomaly', ruleId: 'hot', penalty: 10, message: 'Rule hot: 75 % of the way to its limit', metric: 'm' }
    ])
    expect(health.score).toBe(70)
  })

  it('lists a silent sensor without counting it as an equipment fault, and never goes below 0', () => {
    const sensor = healthScore(rules, [{ ruleId: 'sensor-offline', flapping: false }], [])
    expect(sensor).toEqual({ score: 100, reasons: [{ kind: 'sensor', ruleId: 'sensor-offline', penalty: 0, message: 'Sensor offline: readings are missing, health may be out of date' }] })
    const worst = healthScore([...rules, rule('hot2', 'critical'), rule('hot3', 'critical')], ['hot', 'hot2', 'hot3'].map((ruleId) => ({ ruleId, flapping: false })), [])
    expect(worst.score).toBe(0)
  })
})
