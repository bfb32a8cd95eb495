import { describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../../../simulators/models/create-device-model.js'
import { PumpModel } from '../../../../simulators/models/pump-model.js'
import { expectHealthyDay } from './healthy-day.js'
import { DAY_MS, START_MS, readings, runRules } from './rule-harness.js'

const WARM_UP_MS = 600_000

function pump(seed = 1): PumpModel {
  return new PumpModel({ seed, timeZone: 'Asia/Shanghai' })
}

describe('PumpModel', () => {
  it('is deterministic per seed', () => {
    expect(readings(pump(5), START_MS, 60_000)).toEqual(readings(pump(5), START_MS, 60_000))
    expect(readings(pump(5), START_MS, 60_000)).not.toEqual(readings(pump(6), START_MS, 60_000))
  })

  it('stays healthy for a day: plausible ranges, no rule fires', async () => {
    await expectHealthyDay('pump', {
      outlet_pressure_bar: [3, 4.5],
      flow_m3h: [20, 60],
      motor_current_a: [24, 34],
      bearing_temp_c: [45, 58],
      vibration_mm_s: [1.5, 3.1],
      running: [1, 1],
      run_hours_total: [2_000, 20_025]
    })
  })

  it('counts its run hours: a day of running adds 24 hours to the meter', () => {
    const day = readings(pump(), START_MS, DAY_MS, 60_000)
    const first = day[0]?.[1].run_hours_total ?? 0
    const last = day.at(-1)?.[1].run_hours_total ?? 0
    expect(last - first).toBeCloseTo((DAY_MS - 60_000) / 3_600_000, 2)
  })

  it('follows the daily load: more flow, current and heat in the evening than before dawn', () => {
    const model = pump()
    const hourly = new Map<number, { flow: number; bearing: number; vibration: number; n: number }>()
    for (const [ts, values] of readings(model, START_MS, DAY_MS, 10_000)) {
      const hour = new Date(ts + 8 * 3_600_000).getUTCHours()
      const sum = hourly.get(hour) ?? { flow: 0, bearing: 0, vibration: 0, n: 0 }
      hourly.set(hour, { flow: sum.flow + (values.flow_m3h ?? 0), bearing: sum.bearing + (values.bearing_temp_c ?? 0), vibration: sum.vibration + (values.vibration_mm_s ?? 0), n: sum.n + 1 })
    }
    const mean = (hour: number, key: 'flow' | 'bearing' | 'vibration'): number => (hourly.get(hour)?.[key] ?? 0) / (hourly.get(hour)?.n ?? 1)
    expect(mean(19, 'flow')).toBeGreaterThan(mean(6, 'flow') + 20)
    expect(mean(19, 'bearing')).toBeGreaterThan(mean(6, 'bearing') + 5)
    for (let hour = 0; hour < 24; hour++) {
      expect(mean(hour, 'vibration')).toBeGreaterThan(2.0)
      expect(mean(hour, 'vibration')).toBeLessThan(2.6)
    }
  })

  it('bearing-overheat crosses 80 °C 40–90 s in, keeps rising to +60 °C and fires the threshold and vibration EWMA rules', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const model = pump(seed)
      const faultAt = START_MS + WARM_UP_MS
      const before = readings(model, START_MS, WARM_UP_MS)
      const normal = before.slice(-60).reduce((sum, [, values]) => sum + (values.bearing_temp_c ?? 0), 0) / 60
      model.startFault('bearing-overheat', faultAt, 120_000)
      const during = readings(model, faultAt, 180_000)
      const crossedAt = during.find(([, values]) => (values.bearing_temp_c ?? 0) > 80)?.[0]
      expect(crossedAt).toBeDefined()
      expect(((crossedAt ?? 0) - faultAt) / 1000).toBeGreaterThanOrEqual(40)
      expect(((crossedAt ?? 0) - faultAt) / 1000).toBeLessThanOrEqual(90)
      const tenSecondMeans = Array.from({ length: 12 }, (_, i) => during.slice(i * 10, i * 10 + 10).reduce((sum, [, values]) => sum + (values.bearing_temp_c ?? 0), 0) / 10)
      for (let i = 1; i < tenSecondMeans.length; i++) expect(tenSecondMeans[i]).toBeGreaterThan(tenSecondMeans[i - 1] as number)
      const last = during.at(-1)?.[1]
      expect(last?.bearing_temp_c).toBeGreaterThan(normal + 57)
      expect(last?.vibration_mm_s).toBeGreaterThan(4.5)
      expect(last?.motor_current_a).toBeLessThan(42)
    }

    const model = pump()
    model.startFault('bearing-overheat', START_MS + WARM_UP_MS, 120_000)
    const fired = await runRules(model, START_MS, WARM_UP_MS + 180_000)
    expect([...fired.keys()].sort()).toEqual(['bearing-overheat', 'vibration-rise'])
    expect((fired.get('bearing-overheat') ?? 0) - (START_MS + WARM_UP_MS)).toBeLessThanOrEqual(100_000)
  })

  it('scales the bearing-overheat ramp with the fault duration', () => {
    const model = createDeviceModel('pump', { seed: 1, timeZone: 'Asia/Shanghai' })
    readings(model, START_MS, 60_000)
    model.startFault('bearing-overheat', START_MS + 60_000, 10_000)
    const crossedAt = readings(model, START_MS + 60_000, 20_000).find(([, values]) => (values.bearing_temp_c ?? 0) > 80)?.[0]
    expect(((crossedAt ?? Infinity) - START_MS - 60_000) / 1000).toBeLessThanOrEqual(8)
  })
})
