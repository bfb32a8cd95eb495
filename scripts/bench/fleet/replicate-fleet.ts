import type { Fleet } from '../../../core/domain/fleet.js'

/**
 * `copies` copies of a fleet side by side: the first keeps its ids, copy n ≥ 2 has `-c<n>` after
 * every site, building, equipment and device id (so its devices draw other random streams).
 */
export function replicateFleet(fleet: Fleet, copies: number): Fleet {
  if (!(Number.isInteger(copies) && copies >= 1)) throw new Error(`copies must be a whole number ≥ 1, got ${copies}`)
  const result: Fleet = { sites: [], buildings: [], equipment: [], devices: [] }
  for (let copy = 1; copy <= copies; copy++) {
    const id = (original: string): string => (copy === 1 ? original : `${original}-c${copy}`)
    result.sites.push(...fleet.sites.map((site) => ({ ...site, id: id(site.id) })))
    result.buildings.push(...fleet.buildings.map((building) => ({ ...building, id: id(building.id), siteId: id(building.siteId) })))
    result.equipment.push(...fleet.equipment.map((equipment) => ({ ...equipment, id: id(equipment.id), siteId: id(equipment.siteId), buildingId: id(equipment.buildingId) })))
    result.devices.push(...fleet.devices.map((device) => ({ ...device, id: id(device.id), equipmentId: id(device.equipmentId), siteId: id(device.siteId), buildingId: id(device.buildingId) })))
  }
  return result
}
