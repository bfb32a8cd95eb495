import { describe, expect, it } from 'vitest'
import type { Fleet } from '../../../../core/domain/fleet.js'
import { replicateFleet } from '../../../../scripts/bench/fleet/replicate-fleet.js'

const FLEET: Fleet = {
  sites: [{ id: 'hv', name: 'Harbour View', timezone: 'Asia/Shanghai' }],
  buildings: [{ id: 'hv-a', siteId: 'hv', name: 'Tower A' }],
  equipment: [{ id: 'hv-a-pump-1', siteId: 'hv', buildingId: 'hv-a', type: 'pump', name: 'Pump 1', location: 'B2' }],
  devices: [{ id: 'hv-a-pump-1-gw', equipmentId: 'hv-a-pump-1', siteId: 'hv', buildingId: 'hv-a', equipmentType: 'pump' }]
}

describe('replicateFleet', () => {
  it('keeps the first copy as it is and suffixes every id of the others, references included', () => {
    expect(replicateFleet(FLEET, 1)).toEqual(FLEET)
    const two = replicateFleet(FLEET, 2)
    expect(two.sites.map((site) => site.id)).toEqual(['hv', 'hv-c2'])
    expect(two.buildings[1]).toEqual({ id: 'hv-a-c2', siteId: 'hv-c2', name: 'Tower A' })
    expect(two.equipment[1]).toEqual({ id: 'hv-a-pump-1-c2', siteId: 'hv-c2', buildingId: 'hv-a-c2', type: 'pump', name: 'Pump 1', location: 'B2' })
    expect(two.devices[1]).toEqual({ id: 'hv-a-pump-1-gw-c2', equipmentId: 'hv-a-pump-1-c2', siteId: 'hv-c2', buildingId: 'hv-a-c2', equipmentType: 'pump' })
  })

  it('refuses a count that is not a whole number from 1', () => {
    expect(() => replicateFleet(FLEET, 0)).toThrow(/copies/)
    expect(() => replicateFleet(FLEET, 1.5)).toThrow(/copies/)
  })
})
