import type { AlertFact } from '../../core/analytics/alert-fact.js'
import type { WorkOrder } from '../../core/domain/work-order.js'
import type { OccupantRequest } from '../../core/occupant/occupant-request.js'
import type { OccupantRequestStore } from '../../core/occupant/occupant-request-store.js'
import type { Period } from '../../core/analytics/period.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'

/**
 * The most records of each kind read for one analytics request, newest first. Enough for about a
 * year of a large estate (50 work orders a day); beyond it the answer says `truncated`.
 */
export const ANALYTICS_READ_LIMIT = 20_000
/** Work created this long before a period is read with it: its deadlines, acceptance or repair may fall in the period. */
export const ANALYTICS_LOOKBACK_MS = 90 * 86_400_000

/** What the analytics of one period are computed from. */
export interface AnalyticsData {
  workOrders: WorkOrder[]
  /** Alerts opened, from InfluxDB alert_events. */
  alerts: AlertFact[]
  /** Occupants' complaints and suggestions (faults are counted through their work orders). */
  feedback: OccupantRequest[]
  /** True when the read limit was reached before the period's start (less the lookback): older records were not read. */
  truncated: boolean
}

export interface AnalyticsDataDeps {
  workOrders: WorkOrderRepository
  alertHistory: { opened(fromMs: number, toMs: number, limit: number, siteId?: string): Promise<{ alerts: AlertFact[]; complete: boolean }> }
  requests: OccupantRequestStore
}

/** Reads, newest first and bounded, the work orders, alerts (from InfluxDB) and feedback that can bear on a period. */
export async function loadAnalyticsData(deps: AnalyticsDataDeps, period: Period, siteId?: string): Promise<AnalyticsData> {
  const sinceMs = period.fromMs - ANALYTICS_LOOKBACK_MS
  const [workOrders, alerts, feedback] = await Promise.all([
    deps.workOrders.list({ limit: ANALYTICS_READ_LIMIT }),
    deps.alertHistory.opened(sinceMs, period.toMs, ANALYTICS_READ_LIMIT, siteId),
    deps.requests.list({ kinds: ['complaint', 'suggestion'], siteId, limit: ANALYTICS_READ_LIMIT })
  ])
  const reachedBack = <T>(items: readonly T[], timeOf: (item: T) => string): boolean => items.length < ANALYTICS_READ_LIMIT || Date.parse(timeOf(items[items.length - 1] as T)) < sinceMs
  const relevant = <T extends { siteId: string }>(items: readonly T[], timeOf: (item: T) => string): T[] =>
    items.filter((item) => (siteId === undefined || item.siteId === siteId) && Date.parse(timeOf(item)) >= sinceMs && Date.parse(timeOf(item)) < period.toMs)
  return {
    workOrders: relevant(workOrders, (workOrder) => workOrder.createdAt),
    alerts: alerts.alerts,
    // Answers given in the period may be to suggestions from before the lookback: keep all feedback read.
    feedback: feedback.filter((request) => Date.parse(request.createdAt) < period.toMs),
    truncated: !(reachedBack(workOrders, (workOrder) => workOrder.createdAt) && alerts.complete && reachedBack(feedback, (request) => request.createdAt))
  }
}
