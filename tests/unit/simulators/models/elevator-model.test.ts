import { describe, expect, it } from 'vitest'
import { ElevatorModel } from '../../../../simulators/models/elevator-model.js'
import { expectHealthyDay } from './healthy-day.js'
import { DAY_MS, START_MS, readings, runRules } from './rule-harness.js'

function elevator(seed = 1): ElevatorModel {
  return new ElevatorModel({ seed, timeZone: 'Asia/Shanghai' })
}

/** Local hour at the Asia/Shanghai sites. */
function localHour(ts: number): number {
  return new Date(ts + 8 * 3_600_000).getUTCHours()
}

describe('ElevatorModel', () => {
  it('is deterministic per seed', () => {
    expect(readings(elevator(5), START_MS, 60_000)).toEqual(readings(elevator(5), START_MS, 60_000))
    expect(readings(elevator(5), START_MS, 60_000)).not.toEqual(readings(elevator(6), START_MS, 60_000))
  })

  it('stays healthy for a day: plausible ranges, no rule fires', async () => {
    await expectHealthyDay('elevator', {
      door_close_time_s: [2.5, 3.5],
      motor_current_a: [5, 25],
      motor_temp_c: [40, 65],
      vibration_mm_s: [0.6, 1.1],
      trips_total: [100_000, 500_000]
    })
  })

  it('counts trips as a whole, never decreasing number, more at busy hours than at night', () => {
    const day = readings(elevator(), START_MS, DAY_MS)
    const tripsByHour = new Map<number, number>()
    let previous = day[0]?.[1].trips_total ?? 0
    let wrong = 0
    for (const [ts, values] of day) {
      const trips = values.trips_total ?? 0
      if (!Number.isInteger(trips) || trips < previous) wrong++
      tripsByHour.set(localHour(ts), (tripsByHour.get(localHour(ts)) ?? 0) + trips - previous)
      previous = trips
    }
    expect(wrong).toBe(0)
    const busy = (tripsByHour.get(12) ?? 0) + (tripsByHour.get(13) ?? 0) + (tripsByHour.get(14) ?? 0)
    const night = (tripsByHour.get(1) ?? 0) + (tripsByHour.get(2) ?? 0) + (tripsByHour.get(3) ?? 0)
    expect(busy).toBeGreaterThan(night * 5)
    expect(previous - (day[0]?.[1].trips_total ?? 0)).toBeGreaterThan(500)
  })

  it('door-sluggish takes the door close time from ~3 s to ~7 s and fires the door rules within the duration', async () => {
    const model = elevator()
    const faultAt = START_MS + 600_000
    model.startFault('door-sluggish', faultAt, 120_000)
    const fired = await runRules(model, START_MS, 600_000 + 120_000)
    expect([...fired.keys()].sort()).toEqual(['door-drift', 'door-slow'])
    expect(fired.get('door-slow')).toBeLessThan(faultAt + 120_000)

    const during = readings(model, faultAt + 120_000, 60_000)
    const mean = during.reduce((sum, [, values]) => sum + (values.door_close_time_s ?? 0), 0) / during.length
    expect(mean).toBeGreaterThan(6.7)
    expect(mean).toBeLessThan(7.3)
  })

  it('door-sluggish crosses the 5 s door-slow limit within a short duration too', () => {
    const model = elevator(2)
    model.startFault('door-sluggish', START_MS, 10_000)
    const crossedAt = readings(model, START_MS, 10_000, 100).find(([, values]) => (values.door_close_time_s ?? 0) > 5)?.[0]
    expect(crossedAt).toBeDefined()
  })
})
