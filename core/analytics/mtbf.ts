import type { WorkOrder } from '../domain/work-order.js'
import { HOUR_MS, coveredMs, groupBy, inPeriod, periodHours } from './period.js'
import type { Period } from './period.js'

/** Mean time between failures of one piece of equipment over a period. */
export interface EquipmentMtbf {
  equipmentId: string
  siteId: string
  /** Corrective work orders created in the period (from an alert, an occupant or by hand). */
  failures: number
  /** Hours of the period the equipment was down: created → resolved (still open: to the period's end), overlaps counted once. */
  downtimeHours: number
  /** (period hours − downtime hours) / failures. */
  mtbfHours: number
}

/** A failure: corrective work created in the period; cancelled work (a duplicate, opened by mistake) is none. */
export function isFailureIn(period: Period): (workOrder: WorkOrder) => boolean {
  return (workOrder) => workOrder.kind === 'corrective' && workOrder.status !== 'cancelled' && inPeriod(workOrder.createdAt, period)
}

/**
 * MTBF per equipment that failed in the period; equipment that did not fail has no MTBF and is
 * left out. Downtime counts only the failures of the period, clipped to it.
 */
export function mtbfByEquipment(workOrders: readonly WorkOrder[], period: Period): EquipmentMtbf[] {
  const failures = workOrders.filter(isFailureIn(period))
  return [...groupBy(failures, (workOrder) => workOrder.equipmentId)]
    .map(([equipmentId, orders]) => {
      const downtimeHours = coveredMs(orders.map((order) => [Date.parse(order.createdAt), order.resolvedAt === undefined ? period.toMs : Date.parse(order.resolvedAt)] as const), period) / HOUR_MS
      return { equipmentId, siteId: orders[0]?.siteId ?? '', failures: orders.length, downtimeHours, mtbfHours: (periodHours(period) - downtimeHours) / orders.length }
    })
    .sort((a, b) => a.mtbfHours - b.mtbfHours || a.equipmentId.localeCompare(b.equipmentId))
}
