import type { Equipment } from './equipment.js'
import type { WorkOrder, WorkOrderPriority } from './work-order.js'
import { ACTIVE_WORK_ORDER_STATUSES } from './work-order.js'

/** One tile of the fleet overview: the equipment, its health, and what is open on it. */
export interface OverviewTile {
  equipmentId: string
  name: string
  type: Equipment['type']
  siteId: string
  buildingId: string
  location: string
  /** The latest health score, 0–100; null before the first one. */
  health: number | null
  openAlerts: number
  workOrders: Record<WorkOrderPriority, number>
}

/**
 * The overview's tiles, worst health first (unscored last): the equipment with its latest score,
 * its open alerts and its active work orders by priority. Pure.
 */
export function fleetOverview(
  equipment: readonly Equipment[],
  health: ReadonlyMap<string, number>,
  openAlerts: readonly { equipmentId: string }[],
  workOrders: readonly Pick<WorkOrder, 'equipmentId' | 'status' | 'priority'>[]
): OverviewTile[] {
  const alerts = new Map<string, number>()
  for (const alert of openAlerts) alerts.set(alert.equipmentId, (alerts.get(alert.equipmentId) ?? 0) + 1)
  const work = new Map<string, Record<WorkOrderPriority, number>>()
  for (const order of workOrders) {
    if (!ACTIVE_WORK_ORDER_STATUSES.includes(order.status)) continue
    const counts = work.get(order.equipmentId) ?? { urgent: 0, normal: 0, low: 0 }
    counts[order.priority]++
    work.set(order.equipmentId, counts)
  }
  return equipment
    .map((item) => ({
      equipmentId: item.id,
      name: item.name,
      type: item.type,
      siteId: item.siteId,
      buildingId: item.buildingId,
      location: item.location,
      health: health.get(item.id) ?? null,
      openAlerts: alerts.get(item.id) ?? 0,
      workOrders: work.get(item.id) ?? { urgent: 0, normal: 0, low: 0 }
    }))
    .sort((a, b) => (a.health ?? 101) - (b.health ?? 101) || a.equipmentId.localeCompare(b.equipmentId))
}
