import { describe, expect, it } from 'vitest'
import type { EquipmentType } from '../../../../core/domain/equipment.js'
import { FAULT_TIMING, faultBag, scheduleFaults } from '../../../../scripts/bench/fleet/fault-schedule.js'
import { FAULT_KINDS, faultAppliesTo } from '../../../../simulators/faults.js'

const DAY = 86_400_000
const START = Date.UTC(2024, 0, 1)
const FLEET: { id: string; type: EquipmentType }[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ id: `pump-${i}`, type: 'pump' as const })),
  ...Array.from({ length: 16 }, (_, i) => ({ id: `lift-${i}`, type: 'elevator' as const })),
  ...Array.from({ length: 6 }, (_, i) => ({ id: `fire-${i}`, type: 'fire_system' as const }))
]
const options = { startMs: START, endMs: START + 30 * DAY, seed: 1 }

describe('scheduleFaults', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(scheduleFaults(FLEET, options)).toEqual(scheduleFaults(FLEET, options))
    expect(scheduleFaults(FLEET, { ...options, seed: 2 })).not.toEqual(scheduleFaults(FLEET, options))
  })

  it('gives each piece of equipment faults of its own type, one at a time, inside the run, after a healthy day, with healthy days between', () => {
    const faults = scheduleFaults(FLEET, options)
    for (const { id, type } of FLEET) {
      const own = faults.filter((fault) => fault.equipmentId === id)
      expect(own.length).toBeGreaterThan(0)
      own.forEach((fault, i) => {
        expect(faultAppliesTo(fault.kind, type)).toBe(true)
        expect(fault.onsetMs).toBeGreaterThanOrEqual(i === 0 ? START + DAY : (own[i - 1]?.repairedMs ?? 0) + DAY)
        expect(fault.onsetMs).toBeLessThanOrEqual(fault.failureMs)
        expect(fault.failureMs).toBeLessThan(fault.repairedMs)
        expect(fault.repairedMs).toBeLessThanOrEqual(options.endMs)
      })
    }
  })

  it('fails a developing fault at the end of its ramp and a step fault at onset, within each kind’s timing', () => {
    for (const fault of scheduleFaults(FLEET, options)) {
      const timing = FAULT_TIMING[fault.kind]
      if (FAULT_KINDS[fault.kind].failsAt === 'onset') {
        expect(fault.failureMs).toBe(fault.onsetMs)
        expect(fault.repairedMs - fault.onsetMs).toBeGreaterThanOrEqual(timing.failedForMs[0] - 1)
        expect(fault.repairedMs - fault.onsetMs).toBeLessThanOrEqual(timing.failedForMs[1] + 1)
      } else {
        expect(fault.failureMs - fault.onsetMs).toBe(fault.durationMs)
        expect(fault.durationMs).toBeGreaterThanOrEqual(timing.rampMs[0] - 1)
        expect(fault.durationMs).toBeLessThanOrEqual(timing.rampMs[1] + 1)
      }
    }
  })

  it('gives every kind at least 20 instances over a month of two fleets, the fire systems’ own kind included', () => {
    const faults = scheduleFaults(FLEET, options)
    for (const kind of Object.keys(FAULT_KINDS)) expect(faults.filter((fault) => fault.kind === kind).length).toBeGreaterThanOrEqual(20)
  })
})

describe('faultBag', () => {
  it('deals a type its own kinds twice and the kinds every type has once', () => {
    expect(faultBag('fire_system').sort()).toEqual(['offline', 'pressure-loss', 'pressure-loss', 'sensor-stuck'])
    expect(faultBag('pump').sort()).toEqual(['bearing-overheat', 'bearing-overheat', 'offline', 'sensor-stuck'])
  })
})
