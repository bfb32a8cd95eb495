import type { AlertFact } from './alert-fact.js'
import type { Equipment } from '../domain/equipment.js'
import type { WorkOrder } from '../domain/work-order.js'
import { isFailureIn } from './mtbf.js'
import { inPeriod } from './period.js'
import type { Period } from './period.js'

export interface FaultCounts {
  alerts: number
  workOrders: number
  total: number
}

export interface EquipmentHotSpot extends FaultCounts {
  equipmentId: string
  siteId: string
  buildingId: string
  name: string
  location: string
}

/** A place as the registry words it: a building and the equipment's location text there. */
export interface LocationHotSpot extends FaultCounts {
  siteId: string
  buildingId: string
  location: string
  equipmentIds: string[]
}

export interface HotSpots {
  equipment: EquipmentHotSpot[]
  locations: LocationHotSpot[]
}

const byTotal = <T extends FaultCounts>(a: T, b: T, tie: (a: T, b: T) => number): number => b.total - a.total || b.alerts - a.alerts || tie(a, b)

/**
 * Equipment and locations ranked by faults in the period: alerts opened plus corrective work
 * orders created (the same failures MTBF counts). An alert and the work order it opened count
 * as two: both cost someone time. Equipment no longer in the registry is ranked under its id.
 */
export function hotSpots(alerts: readonly AlertFact[], workOrders: readonly WorkOrder[], equipment: readonly Equipment[], period: Period, limit: number): HotSpots {
  const registered = new Map(equipment.map((item) => [item.id, item]))
  const counts = new Map<string, EquipmentHotSpot>()
  const entry = (equipmentId: string, siteId: string, buildingId: string): EquipmentHotSpot => {
    let found = counts.get(equipmentId)
    if (found === undefined) {
      const known = registered.get(equipmentId)
      found = { equipmentId, siteId, buildingId, name: known?.name ?? equipmentId, location: known?.location ?? '', alerts: 0, workOrders: 0, total: 0 }
      counts.set(equipmentId, found)
    }
    return found
  }
  for (const alert of alerts) {
    if (!inPeriod(alert.openedAt, period)) continue
    const spot = entry(alert.equipmentId, alert.siteId, alert.buildingId)
    spot.alerts++
    spot.total++
  }
  for (const workOrder of workOrders.filter(isFailureIn(period))) {
    const spot = entry(workOrder.equipmentId, workOrder.siteId, workOrder.buildingId)
    spot.workOrders++
    spot.total++
  }
  const places = new Map<string, LocationHotSpot>()
  for (const spot of counts.values()) {
    const key = `${spot.buildingId}\u0000${spot.location}`
    let place = places.get(key)
    if (place === undefined) {
      place = { siteId: spot.siteId, buildingId: spot.buildingId, location: spot.location, equipmentIds: [], alerts: 0, workOrders: 0, total: 0 }
      places.set(key, place)
    }
    place.equipmentIds.push(spot.equipmentId)
    place.alerts += spot.alerts
    place.workOrders += spot.workOrders
    place.total += spot.total
  }
  for (const place of places.values()) place.equipmentIds.sort()
  return {
    equipment: [...counts.values()].sort((a, b) => byTotal(a, b, (x, y) => x.equipmentId.localeCompare(y.equipmentId))).slice(0, limit),
    locations: [...places.values()].sort((a, b) => byTotal(a, b, (x, y) => x.buildingId.localeCompare(y.buildingId) || x.location.localeCompare(y.location))).slice(0, limit)
  }
}
