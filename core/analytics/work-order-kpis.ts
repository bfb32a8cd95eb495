import type { WorkOrder } from '../domain/work-order.js'
import { HOUR_MS, inPeriod, mean, rate } from './period.js'
import type { Period, Rate } from './period.js'

/** The work-order KPIs of one period, for whatever set of work orders they are given (a site's, an engineer's). */
export interface WorkOrderKpis {
  /** Work orders created in the period. */
  created: number
  /** Accepted by `responseDueAt`, among those whose deadline fell in the period and has been decided. */
  responseWithinDeadline: Rate
  /** Corrective work resolved in the period: fixed on the first visit and never reopened. */
  firstTimeFix: Rate
  /** Mean time to acknowledge: mean(acceptedAt − createdAt) over work accepted in the period, in hours. */
  mttaHours: number | null
  /** Mean time to repair: mean(resolvedAt − createdAt) over corrective work resolved in the period, in hours. */
  mttrHours: number | null
  /** Mean rating (1–5) of work rated in the period. */
  averageRating: number | null
  ratings: number
}

const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / HOUR_MS

/**
 * Met: accepted at or before the deadline. Missed: accepted later, or not accepted and the
 * deadline has passed (`asOfMs`). Work cancelled before its deadline without being accepted, and
 * deadlines still ahead, are not counted.
 */
export function responseWithinDeadline(workOrders: readonly WorkOrder[], period: Period, asOfMs: number): Rate {
  let met = 0
  let decided = 0
  for (const workOrder of workOrders) {
    if (!inPeriod(workOrder.responseDueAt, period)) continue
    const dueMs = Date.parse(workOrder.responseDueAt)
    if (workOrder.acceptedAt !== undefined) {
      decided++
      if (Date.parse(workOrder.acceptedAt) <= dueMs) met++
      continue
    }
    if (workOrder.cancelledAt !== undefined && Date.parse(workOrder.cancelledAt) <= dueMs) continue
    if (dueMs <= asOfMs) decided++
  }
  return rate(met, decided)
}

/** Resolved corrective work whose resolution says first-visit fix and that was never reopened. */
export function firstTimeFix(workOrders: readonly WorkOrder[], period: Period): Rate {
  const resolved = workOrders.filter((workOrder) => workOrder.kind === 'corrective' && workOrder.resolution !== undefined && inPeriod(workOrder.resolvedAt, period))
  return rate(resolved.filter((workOrder) => workOrder.resolution?.firstVisitFix === true && workOrder.reopenedAt === undefined).length, resolved.length)
}

export function meanTimeToAcknowledgeHours(workOrders: readonly WorkOrder[], period: Period): number | null {
  return mean(workOrders.flatMap((workOrder) => (workOrder.acceptedAt !== undefined && inPeriod(workOrder.acceptedAt, period) ? [hoursBetween(workOrder.createdAt, workOrder.acceptedAt)] : [])))
}

export function meanTimeToRepairHours(workOrders: readonly WorkOrder[], period: Period): number | null {
  return mean(workOrders.flatMap((workOrder) => (workOrder.kind === 'corrective' && workOrder.resolvedAt !== undefined && inPeriod(workOrder.resolvedAt, period) ? [hoursBetween(workOrder.createdAt, workOrder.resolvedAt)] : [])))
}

/** Ratings given in the period. */
export function ratingsIn(workOrders: readonly WorkOrder[], period: Period): number[] {
  return workOrders.flatMap((workOrder) => (workOrder.rating !== undefined && inPeriod(workOrder.rating.ratedAt, period) ? [workOrder.rating.score] : []))
}

export function workOrderKpis(workOrders: readonly WorkOrder[], period: Period, asOfMs: number): WorkOrderKpis {
  const ratings = ratingsIn(workOrders, period)
  return {
    created: workOrders.filter((workOrder) => inPeriod(workOrder.createdAt, period)).length,
    responseWithinDeadline: responseWithinDeadline(workOrders, period, asOfMs),
    firstTimeFix: firstTimeFix(workOrders, period),
    mttaHours: meanTimeToAcknowledgeHours(workOrders, period),
    mttrHours: meanTimeToRepairHours(workOrders, period),
    averageRating: mean(ratings),
    ratings: ratings.length
  }
}

/** Who answers for a work order: the first engineer to accept it, else whoever it is assigned to. */
export function engineerOf(workOrder: WorkOrder): string | undefined {
  return workOrder.responsibleEngineerId ?? workOrder.assigneeId
}
