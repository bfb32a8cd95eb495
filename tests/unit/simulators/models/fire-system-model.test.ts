import { describe, expect, it } from 'vitest'
import { FireSystemModel } from '../../../../simulators/models/fire-system-model.js'
import { expectHealthyDay } from './healthy-day.js'
import { DAY_MS, START_MS, readings, runRules } from './rule-harness.js'

function fireSystem(seed = 1): FireSystemModel {
  return new FireSystemModel({ seed, timeZone: 'Asia/Shanghai' })
}

describe('FireSystemModel', () => {
  it('is deterministic per seed', () => {
    expect(readings(fireSystem(5), START_MS, 60_000)).toEqual(readings(fireSystem(5), START_MS, 60_000))
    expect(readings(fireSystem(5), START_MS, 60_000)).not.toEqual(readings(fireSystem(6), START_MS, 60_000))
  })

  it('stays healthy for a day: plausible ranges, no rule fires', async () => {
    await expectHealthyDay('fire_system', {
      main_pressure_bar: [6.8, 7.2],
      tank_level_pct: [92, 98],
      battery_voltage_v: [27, 27.4],
      jockey_pump_running: [0, 1]
    })
  })

  it('runs the jockey pump in short spells, idle most of the time', () => {
    const day = readings(fireSystem(), START_MS, DAY_MS)
    const running = day.filter(([, values]) => values.jockey_pump_running === 1).length
    let spells = 0
    day.forEach(([, values], i) => {
      if (values.jockey_pump_running === 1 && day[i - 1]?.[1].jockey_pump_running !== 1) spells++
    })
    expect(spells).toBeGreaterThanOrEqual(10)
    expect(running / day.length).toBeLessThan(0.05)
    expect(running / spells).toBeGreaterThanOrEqual(20)
    expect(running / spells).toBeLessThanOrEqual(60)
  })

  it('pressure-loss takes the main from ~7 bar to ~4 bar and fires main-pressure-low within the duration', async () => {
    const model = fireSystem()
    const faultAt = START_MS + 600_000
    model.startFault('pressure-loss', faultAt, 120_000)
    const fired = await runRules(model, START_MS, 600_000 + 120_000)
    // The limit fires; so may the faster detectors of the same fall (rate, CUSUM).
    expect([...fired.keys()]).toContain('main-pressure-low')
    expect(fired.get('main-pressure-low')).toBeLessThan(faultAt + 120_000)

    const after = readings(model, faultAt + 120_000, 30_000)
    for (const [, values] of after) {
      expect(values.main_pressure_bar).toBeGreaterThan(3.8)
      expect(values.main_pressure_bar).toBeLessThan(4.2)
      expect(values.jockey_pump_running).toBe(1)
    }
  })
})
