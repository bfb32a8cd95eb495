import { describe, expect, it } from 'vitest'
import { EQUIPMENT_TYPES } from '../../../../core/domain/equipment.js'
import { createDeviceModel } from '../../../../simulators/models/create-device-model.js'
import { START_MS, readings } from './rule-harness.js'

describe('fault bookkeeping shared by every model', () => {
  it('labels the fault from its start time on', () => {
    const model = createDeviceModel('pump', { seed: 1, timeZone: 'Asia/Shanghai' })
    expect(model.fault).toBeUndefined()
    expect(model.faultActive(START_MS)).toBe(false)
    model.startFault('bearing-overheat', START_MS + 1000, 5000)
    expect(model.fault).toEqual({ kind: 'bearing-overheat', startMs: START_MS + 1000, durationMs: 5000 })
    expect(model.faultActive(START_MS + 999)).toBe(false)
    expect(model.faultActive(START_MS + 1000)).toBe(true)
  })

  it('ends a fault at its repair: healthy readings and publishing again from then on', () => {
    const model = createDeviceModel('pump', { seed: 1, timeZone: 'Asia/Shanghai', gapProbability: 0 })
    expect(() => model.endFault(START_MS)).toThrow('No fault to end')
    model.startFault('bearing-overheat', START_MS, 60_000)
    expect(() => model.endFault(START_MS - 1)).toThrow(/before it starts/)
    model.endFault(START_MS + 120_000)
    expect(model.fault).toEqual({ kind: 'bearing-overheat', startMs: START_MS, durationMs: 60_000, endMs: START_MS + 120_000 })
    expect(model.faultActive(START_MS + 119_999)).toBe(true)
    expect(model.faultActive(START_MS + 120_000)).toBe(false)
    expect(model.reading(START_MS + 119_000).bearing_temp_c).toBeGreaterThan(100)
    expect(model.reading(START_MS + 120_000).bearing_temp_c).toBeLessThan(60)

    const offline = createDeviceModel('fire_system', { seed: 1, timeZone: 'Asia/Shanghai', gapProbability: 0 })
    offline.startFault('offline', START_MS, 120_000)
    offline.endFault(START_MS + 5000)
    expect(Array.from({ length: 8 }, (_, i) => offline.silentAt(START_MS + i * 1000))).toEqual([true, true, true, true, true, false, false, false])
  })

  it('refuses a fault of another equipment type and a duration that is not positive', () => {
    const elevator = createDeviceModel('elevator', { seed: 1, timeZone: 'Asia/Shanghai' })
    expect(() => elevator.startFault('bearing-overheat', START_MS, 1000)).toThrow('Fault bearing-overheat does not apply to elevator equipment')
    expect(() => elevator.startFault('door-sluggish', START_MS, 0)).toThrow(/positive/)
  })

  it('sensor-stuck repeats the last reading exactly, for every type', () => {
    for (const type of EQUIPMENT_TYPES) {
      const model = createDeviceModel(type, { seed: 3, timeZone: 'Asia/Shanghai' })
      const last = readings(model, START_MS, 30_000).at(-1)?.[1]
      model.startFault('sensor-stuck', START_MS + 30_000, 120_000)
      for (const [, values] of readings(model, START_MS + 30_000, 600_000, 10_000)) expect(values).toEqual(last)
    }
  })

  it('offline keeps the device silent from the fault on', () => {
    const model = createDeviceModel('fire_system', { seed: 1, timeZone: 'Asia/Shanghai', gapProbability: 0 })
    model.startFault('offline', START_MS + 5000, 120_000)
    const silent = Array.from({ length: 20 }, (_, i) => model.silentAt(START_MS + i * 1000))
    expect(silent).toEqual([...Array<boolean>(5).fill(false), ...Array<boolean>(15).fill(true)])
  })

  it('goes silent now and then for 5–30 s, the same way for the same seed', () => {
    const gapsOf = (seed: number): [number, number][] => {
      const model = createDeviceModel('elevator', { seed, timeZone: 'Asia/Shanghai', gapProbability: 0.001 })
      const gaps: [number, number][] = []
      let start: number | undefined
      for (let ts = START_MS; ts < START_MS + 86_400_000; ts += 1000) {
        const silent = model.silentAt(ts)
        if (silent && start === undefined) start = ts
        if (!silent && start !== undefined) {
          gaps.push([start, ts - start])
          start = undefined
        }
      }
      return gaps
    }
    const gaps = gapsOf(1)
    expect(gapsOf(1)).toEqual(gaps)
    expect(gapsOf(2)).not.toEqual(gaps)
    expect(gaps.length).toBeGreaterThan(40)
    expect(gaps.length).toBeLessThan(140)
    for (const [, lengthMs] of gaps) {
      expect(lengthMs).toBeGreaterThanOrEqual(5000)
      expect(lengthMs).toBeLessThanOrEqual(31_000)
    }
  })

  it('draws gaps from their own stream, so asking about silence never changes the readings', () => {
    const quiet = createDeviceModel('pump', { seed: 9, timeZone: 'Asia/Shanghai' })
    const asked = createDeviceModel('pump', { seed: 9, timeZone: 'Asia/Shanghai' })
    for (let ts = START_MS; ts < START_MS + 60_000; ts += 1000) {
      asked.silentAt(ts)
      expect(asked.reading(ts)).toEqual(quiet.reading(ts))
    }
  })
})
