import { expect } from 'vitest'
import type { EquipmentType } from '../../../../core/domain/equipment.js'
import { METRIC_CATALOG } from '../../../../core/domain/metric-catalog.js'
import { createDeviceModel } from '../../../../simulators/models/create-device-model.js'
import { DAY_MS, START_MS, readings, ruleDetectors, runRules } from './rule-harness.js'

export const SEEDS = [1, 2, 3]

/**
 * The checks every healthy model must pass over a simulated day at one reading a second: exactly
 * the catalogue's metrics, each within `ranges`, every threshold of rules/config/*.yaml kept clear,
 * and no rule (threshold or EWMA) firing, for several seeds and starting hours.
 */
export async function expectHealthyDay(type: EquipmentType, ranges: Record<string, [number, number]>): Promise<void> {
  const catalogue = Object.keys(METRIC_CATALOG[type]).sort()
  expect(Object.keys(ranges).sort()).toEqual(catalogue)
  const thresholds = (await ruleDetectors(type)).flatMap(({ rule }) => (rule.detector === 'threshold' ? [rule.params] : []))
  for (const seed of SEEDS) {
    const model = createDeviceModel(type, { seed, timeZone: 'Asia/Shanghai' })
    const low: Record<string, number> = {}
    const high: Record<string, number> = {}
    let incomplete = 0
    for (const [, values] of readings(model, START_MS, DAY_MS)) {
      if (Object.keys(values).length !== catalogue.length) incomplete++
      for (const metric of catalogue) {
        const value = values[metric]
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          incomplete++
          continue
        }
        low[metric] = Math.min(low[metric] ?? Infinity, value)
        high[metric] = Math.max(high[metric] ?? -Infinity, value)
      }
    }
    expect(incomplete).toBe(0)
    const outside = catalogue.flatMap((metric) => {
      const [min, max] = ranges[metric] as [number, number]
      const [lo, hi] = [low[metric] as number, high[metric] as number]
      return lo < min || hi > max ? [`seed ${seed}: ${metric} ran ${lo}..${hi}, expected within ${min}..${max}`] : []
    })
    expect(outside).toEqual([])
    for (const { metric, above, below } of thresholds) {
      if (above !== undefined) expect(high[metric]).toBeLessThan(above)
      if (below !== undefined) expect(low[metric]).toBeGreaterThan(below)
    }
  }
  for (const seed of SEEDS) {
    for (const offsetHours of [0, 13]) {
      const fired = await runRules(createDeviceModel(type, { seed, timeZone: 'Asia/Shanghai' }), START_MS + offsetHours * 3_600_000, DAY_MS)
      expect({ seed, offsetHours, fired: [...fired.keys()] }).toEqual({ seed, offsetHours, fired: [] })
    }
  }
}
