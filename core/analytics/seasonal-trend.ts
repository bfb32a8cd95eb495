import type { AlertFact } from './alert-fact.js'
import type { EquipmentType } from '../domain/equipment.js'
import type { WorkOrder } from '../domain/work-order.js'
import { isFailureIn } from './mtbf.js'
import { meanTimeToRepairHours } from './work-order-kpis.js'
import { monthPeriod } from './period.js'

/** One month of one equipment type. */
export interface SeasonalPoint {
  /** `YYYY-MM` (UTC). */
  month: string
  equipmentType: EquipmentType
  alerts: number
  /** Corrective work orders created that month. */
  failures: number
  /** MTTR of corrective work resolved that month, in hours. */
  mttrHours: number | null
}

/**
 * Faults by month and equipment type over a year: a point for every month and every type asked
 * for, zeros included, so a quiet month shows as quiet rather than missing. `typeOf` gives a
 * work order's equipment type (work orders do not carry it); one it cannot tell is left out.
 */
export function seasonalTrend(year: number, types: readonly EquipmentType[], alerts: readonly AlertFact[], workOrders: readonly WorkOrder[], typeOf: (equipmentId: string) => EquipmentType | undefined): SeasonalPoint[] {
  const points: SeasonalPoint[] = []
  for (let monthIndex = 1; monthIndex <= 12; monthIndex++) {
    const month = `${year}-${String(monthIndex).padStart(2, '0')}`
    const period = monthPeriod(month)
    const failed = isFailureIn(period)
    for (const equipmentType of types) {
      const ofType = workOrders.filter((workOrder) => typeOf(workOrder.equipmentId) === equipmentType)
      points.push({
        month,
        equipmentType,
        alerts: alerts.filter((alert) => alert.equipmentType === equipmentType && Date.parse(alert.openedAt) >= period.fromMs && Date.parse(alert.openedAt) < period.toMs).length,
        failures: ofType.filter(failed).length,
        mttrHours: meanTimeToRepairHours(ofType, period)
      })
    }
  }
  return points
}
