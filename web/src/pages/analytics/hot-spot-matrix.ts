import type { Building, Equipment, EquipmentType, HotSpotReport, Site } from './analytics-types.js'
import { EQUIPMENT_TYPES } from './analytics-types.js'

/** A column of the heat map: an equipment type, or `unknown` for equipment no longer registered. */
export type HotSpotColumn = EquipmentType | 'unknown'

export interface HotSpotCell {
  alerts: number
  workOrders: number
  total: number
}

export interface HotSpotMatrix {
  /** Rows, ordered by site name then building name. */
  buildings: { id: string; name: string; siteName: string }[]
  types: HotSpotColumn[]
  /** Row index (building) → column index (type) → counts; every cell present, zeros included. */
  cells: HotSpotCell[][]
  maxTotal: number
}

/**
 * The hot spots summed by building × equipment type. Every building of the scope is a row and
 * every type a column, so a quiet building shows as zeros rather than not at all; a building or
 * type the spots name but the registry no longer has is added.
 */
export function hotSpotMatrix(report: HotSpotReport, sites: readonly Site[], buildings: readonly Building[], equipment: readonly Equipment[]): HotSpotMatrix {
  const typeOf = new Map(equipment.map((item) => [item.id, item.type]))
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id
  const rows = buildings.map((building) => ({ id: building.id, name: building.name, siteName: siteName(building.siteId) }))
  for (const spot of report.equipment) if (!rows.some((row) => row.id === spot.buildingId)) rows.push({ id: spot.buildingId, name: spot.buildingId, siteName: siteName(spot.siteId) })
  rows.sort((a, b) => a.siteName.localeCompare(b.siteName) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  const types: HotSpotColumn[] = [...EQUIPMENT_TYPES]
  if (report.equipment.some((spot) => !typeOf.has(spot.equipmentId))) types.push('unknown')
  const cells = rows.map(() => types.map(() => ({ alerts: 0, workOrders: 0, total: 0 })))
  for (const spot of report.equipment) {
    const cell = cells[rows.findIndex((row) => row.id === spot.buildingId)]?.[types.indexOf(typeOf.get(spot.equipmentId) ?? 'unknown')]
    if (cell === undefined) continue
    cell.alerts += spot.alerts
    cell.workOrders += spot.workOrders
    cell.total += spot.total
  }
  return { buildings: rows, types, cells, maxTotal: Math.max(0, ...cells.flat().map((cell) => cell.total)) }
}
