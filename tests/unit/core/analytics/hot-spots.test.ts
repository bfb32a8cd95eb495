import { describe, expect, it } from 'vitest'
import { hotSpots } from '../../../../core/analytics/hot-spots.js'
import { ALERTS, EQUIPMENT, NOVEMBER, WORK_ORDERS } from '../../../helpers/analytics-fixture.js'

describe('fault hot spots', () => {
  it('ranks equipment and locations by alerts plus corrective work orders of the period', () => {
    const spots = hotSpots(ALERTS, WORK_ORDERS, EQUIPMENT, NOVEMBER, 10)
    expect(spots.equipment).toEqual([
      // p1: alerts a1, a2, a4 + work orders WO-1, WO-2, WO-3 = 6.
      { equipmentId: 'p1', siteId: 's1', buildingId: 'b1', name: 'Booster pump 1', location: 'Basement', alerts: 3, workOrders: 3, total: 6 },
      // p2: alert a3 + WO-4 (WO-7 was cancelled) = 2.
      { equipmentId: 'p2', siteId: 's1', buildingId: 'b1', name: 'Booster pump 2', location: 'Basement', alerts: 1, workOrders: 1, total: 2 },
      // lift-1: alert a5; its work was preventive = 1.
      { equipmentId: 'lift-1', siteId: 's1', buildingId: 'b2', name: 'Passenger lift 1', location: 'Core A', alerts: 1, workOrders: 0, total: 1 }
    ])
    expect(spots.locations).toEqual([
      { siteId: 's1', buildingId: 'b1', location: 'Basement', equipmentIds: ['p1', 'p2'], alerts: 4, workOrders: 4, total: 8 },
      { siteId: 's1', buildingId: 'b2', location: 'Core A', equipmentIds: ['lift-1'], alerts: 1, workOrders: 0, total: 1 }
    ])
  })

  it('keeps only the top `limit`', () => {
    expect(hotSpots(ALERTS, WORK_ORDERS, EQUIPMENT, NOVEMBER, 1).equipment.map((spot) => spot.equipmentId)).toEqual(['p1'])
  })
})
