import { describe, expect, it } from 'vitest'
import type { Equipment } from '../../../../core/domain/equipment.js'
import { fleetOverview } from '../../../../core/domain/fleet-overview.js'

const equipment = (id: string): Equipment => ({ id, siteId: 's', buildingId: 'b', type: 'pump', name: id, location: 'B2' })

describe('fleetOverview', () => {
  it('puts the worst health first and the unscored last, counting open alerts and active work by priority', () => {
    const tiles = fleetOverview(
      [equipment('a'), equipment('b'), equipment('c')],
      new Map([
        ['a', 92],
        ['c', 41]
      ]),
      [{ equipmentId: 'c' }, { equipmentId: 'c' }, { equipmentId: 'a' }],
      [
        { equipmentId: 'c', status: 'assigned', priority: 'urgent' },
        { equipmentId: 'c', status: 'in_progress', priority: 'normal' },
        { equipmentId: 'c', status: 'closed', priority: 'urgent' },
        { equipmentId: 'a', status: 'resolved', priority: 'low' }
      ]
    )
    expect(tiles.map((tile) => [tile.equipmentId, tile.health, tile.openAlerts, tile.workOrders])).toEqual([
      ['c', 41, 2, { urgent: 1, normal: 1, low: 0 }],
      ['a', 92, 1, { urgent: 0, normal: 0, low: 0 }],
      ['b', null, 0, { urgent: 0, normal: 0, low: 0 }]
    ])
  })
})
