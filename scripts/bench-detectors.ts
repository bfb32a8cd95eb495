// bench:detectors — detector throughput on one core: single-series updates/s of each cheap
// detector, and readings/s through the full pump rule set (rules/config/pump.yaml). Targets:
// ≥ 1,000,000 updates/s for the cheap detectors, ≥ 100,000 readings/s for the pump rules.
//
//   npm run bench:detectors
import path from 'node:path'
import { projectRoot } from '../core/project-root.js'
import type { Equipment } from '../core/domain/equipment.js'
import { CounterRateDetector } from '../rules/detectors/counter-rate.js'
import { CusumDetector } from '../rules/detectors/cusum.js'
import type { Detector } from '../rules/detectors/detector.js'
import { EwmaDetector } from '../rules/detectors/ewma.js'
import { FlatlineDetector } from '../rules/detectors/flatline.js'
import { MahalanobisDetector } from '../rules/detectors/mahalanobis.js'
import { PhysicalRangeDetector } from '../rules/detectors/physical-range.js'
import { RateOfChangeDetector } from '../rules/detectors/rate-of-change.js'
import { RobustZDetector } from '../rules/detectors/robust-z.js'
import { ThresholdDetector } from '../rules/detectors/threshold.js'
import { TrendForecastDetector } from '../rules/detectors/trend-forecast.js'
import { loadRuleBook } from '../rules/load-rule-book.js'
import { RulesEngine } from '../rules/rules-engine.js'
import type { RuleTransition } from '../rules/rules-engine.js'

const UPDATES = 5_000_000
const CHEAP_TARGET = 1_000_000
const RULES_TARGET = 100_000

const values = new Float64Array(65_536)
for (let i = 0; i < values.length; i++) values[i] = 50 + Math.sin(i * 0.01) * 2 + Math.sin(i * 1.7) * 0.3

function rate(detector: Detector, updates = UPDATES): number {
  // Warm the JIT, then time.
  for (let i = 0; i < 100_000; i++) detector.update(i * 1000, values[i & 65_535] as number)
  const started = process.hrtime.bigint()
  for (let i = 0; i < updates; i++) detector.update((100_000 + i) * 1000, values[i & 65_535] as number)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return updates / seconds
}

const cheap: [string, () => Detector][] = [
  ['threshold (hysteresis, duration)', () => new ThresholdDetector({ metric: 'x', above: 80, clearAt: 70, forMs: 10_000 })],
  ['EWMA control chart', () => new EwmaDetector({ metric: 'x', lambda: 0.1, sigmas: 6, warmupSamples: 120, baselineAlpha: 0.005, direction: 'up', minStdDev: 0.05 })],
  ['two-sided CUSUM', () => new CusumDetector({ metric: 'x', k: 0.5, h: 10, warmupSamples: 120, baselineAlpha: 0.001, direction: 'both', minStdDev: 0.05 })],
  ['rate of change', () => new RateOfChangeDetector({ metric: 'x', maxRisePerMinute: 5, alpha: 0.2, forMs: 10_000, maxGapMs: 30_000 })],
  ['flatline', () => new FlatlineDetector({ metric: 'x', tolerance: 0.0001, minDurationMs: 600_000 })],
  ['physical range', () => new PhysicalRangeDetector({ metric: 'x', min: -40, max: 200 })],
  ['counter rate', () => new CounterRateDetector({ metric: 'x', windowMs: 3_600_000, maxPerWindow: 1e9 })],
  ['robust z (window 60, amortised)', () => new RobustZDetector({ metric: 'x', window: 60, threshold: 6, consecutive: 3, minMad: 0.05 })],
  ['trend forecast (72 h, daily cycle)', () => new TrendForecastDetector({ metric: 'x', above: 80, windowMs: 259_200_000, points: 144, horizonMs: 604_800_000, minPoints: 24, minTStat: 3, seasonMs: 86_400_000 })]
]

console.log('')
console.log('bench:detectors — one core (this process)')
console.log('')
console.log(`  ${'detector'.padEnd(36)} ${'updates/s'.padStart(14)}   target`)
let cheapPass = true
for (const [name, make] of cheap) {
  const perSecond = rate(make())
  const isCheap = !name.startsWith('robust') && !name.startsWith('trend')
  if (isCheap && perSecond < CHEAP_TARGET) cheapPass = false
  console.log(`  ${name.padEnd(36)} ${Math.round(perSecond).toLocaleString('en').padStart(14)}   ${isCheap ? `≥ ${CHEAP_TARGET.toLocaleString('en')}` : ''}`)
}
const vector = new MahalanobisDetector({ metrics: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], warmupSamples: 400, lambda: 0.2, quantile: 0.995, factor: 1.5, consecutive: 3, ridge: 0.01 })
const rows = Array.from({ length: 1024 }, (_, i) => Array.from({ length: 8 }, (_, j) => (values[(i * 8 + j) & 65_535] as number) + j))
for (let i = 0; i < 400; i++) vector.update(i, rows[i & 1023] as number[])
const vectorStarted = process.hrtime.bigint()
for (let i = 0; i < 1_000_000; i++) vector.update(i, rows[i & 1023] as number[])
const vectorRate = 1_000_000 / (Number(process.hrtime.bigint() - vectorStarted) / 1e9)
console.log(`  ${'Mahalanobis, 8 metrics (vectors/s)'.padEnd(36)} ${Math.round(vectorRate).toLocaleString('en').padStart(14)}`)

const book = await loadRuleBook(path.join(projectRoot(), 'rules', 'config'))
const engine = new RulesEngine(book)
const pumps: Equipment[] = Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, siteId: 's', buildingId: 'b', type: 'pump', name: `P${i}`, location: '' }))
const readings = Array.from({ length: 4096 }, (_, i) => ({
  ts: 0,
  metrics: { outlet_pressure_bar: 3.8 + (values[i] as number) * 0.001, flow_m3h: 40, motor_current_a: 29 + ((values[i] as number) - 50) * 0.1, bearing_temp_c: values[i] as number, vibration_mm_s: 2.3, running: 1 }
}))
const transitions: RuleTransition[] = []
const ruleReadings = 2_000_000
for (let i = 0; i < 200_000; i++) {
  const reading = readings[i & 4095] as (typeof readings)[number]
  reading.ts = i * 1000
  transitions.length = 0
  engine.evaluate(pumps[i % 100] as Equipment, reading, transitions)
}
const rulesStarted = process.hrtime.bigint()
for (let i = 0; i < ruleReadings; i++) {
  const reading = readings[i & 4095] as (typeof readings)[number]
  reading.ts = (200_000 + i) * 1000
  transitions.length = 0
  engine.evaluate(pumps[i % 100] as Equipment, reading, transitions)
}
const rulesRate = ruleReadings / (Number(process.hrtime.bigint() - rulesStarted) / 1e9)
const pumpRules = book.get('pump')?.length ?? 0
console.log('')
console.log(`  ${`pump rule set (${pumpRules} rules, 100 pumps), readings/s`.padEnd(36)} ${Math.round(rulesRate).toLocaleString('en').padStart(14)}   ≥ ${RULES_TARGET.toLocaleString('en')}`)
const pass = cheapPass && rulesRate >= RULES_TARGET
console.log('')
console.log(pass ? 'PASS' : 'FAIL')
process.exitCode = pass ? 0 : 1
