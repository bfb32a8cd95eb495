import { describe, expect, it } from 'vitest'
import { EQUIPMENT_TYPES } from '../../../core/domain/equipment.js'
import { FAULT_KINDS, FAULT_KIND_NAMES, failureAtMs, faultAppliesTo, parseFaultSpec } from '../../../simulators/faults.js'

describe('parseFaultSpec', () => {
  it('splits KIND:EQUIPMENT_ID', () => {
    expect(parseFaultSpec('bearing-overheat:hv-a-pump-1')).toEqual({ kind: 'bearing-overheat', equipmentId: 'hv-a-pump-1' })
    expect(parseFaultSpec('offline:rp-fire')).toEqual({ kind: 'offline', equipmentId: 'rp-fire' })
  })

  it('rejects a spec without both parts', () => {
    for (const text of ['bearing-overheat', ':hv-a-pump-1', 'bearing-overheat:', '']) {
      expect(() => parseFaultSpec(text)).toThrow(/expected KIND:EQUIPMENT_ID/)
    }
  })

  it('names the known kinds when the kind is unknown', () => {
    expect(() => parseFaultSpec('meltdown:hv-a-pump-1')).toThrow(
      'Unknown fault kind "meltdown" in "meltdown:hv-a-pump-1": expected one of bearing-overheat, door-sluggish, pressure-loss, sensor-stuck, offline'
    )
  })

  it('rejects an equipment id that is not an id', () => {
    expect(() => parseFaultSpec('offline:HV A/pump')).toThrow(/Invalid equipment id "HV A\/pump"/)
  })
})

describe('FAULT_KINDS', () => {
  it('describes every kind and says which equipment it applies to', () => {
    for (const kind of FAULT_KIND_NAMES) expect(FAULT_KINDS[kind].description.length).toBeGreaterThan(10)
    expect(faultAppliesTo('bearing-overheat', 'pump')).toBe(true)
    expect(faultAppliesTo('bearing-overheat', 'elevator')).toBe(false)
    expect(faultAppliesTo('door-sluggish', 'elevator')).toBe(true)
    expect(faultAppliesTo('pressure-loss', 'fire_system')).toBe(true)
    for (const type of EQUIPMENT_TYPES) {
      expect(faultAppliesTo('sensor-stuck', type)).toBe(true)
      expect(faultAppliesTo('offline', type)).toBe(true)
    }
  })

  it('says when each kind becomes a failure: at full severity for a developing fault, at once for a dead sensor or link', () => {
    for (const kind of FAULT_KIND_NAMES) expect(FAULT_KINDS[kind].failure.length).toBeGreaterThan(10)
    expect(failureAtMs('bearing-overheat', 1000, 5000)).toBe(6000)
    expect(failureAtMs('door-sluggish', 1000, 5000)).toBe(6000)
    expect(failureAtMs('pressure-loss', 1000, 5000)).toBe(6000)
    expect(failureAtMs('sensor-stuck', 1000, 5000)).toBe(1000)
    expect(failureAtMs('offline', 1000, 5000)).toBe(1000)
  })
})
