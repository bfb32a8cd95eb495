import type { AlertFact } from './alert-fact.js'
import type { WorkOrder } from '../domain/work-order.js'
import { groupBy, inPeriod, rate } from './period.js'
import type { Period, Rate } from './period.js'

/** What one detection rule's alerts of a period came to. */
export interface RuleOutcome {
  ruleId: string
  alerts: number
  /** Alerts that opened or joined a work order. */
  withWorkOrder: number
  /** Alerts whose work order was resolved with a code other than no_fault_found, over all the rule's alerts. */
  realFix: Rate
  /** Alerts whose work order was resolved no_fault_found, over all the rule's alerts: the rule's false-alarm rate. */
  falseAlarm: Rate
}

/**
 * Per rule, its alerts opened in the period and how their work ended. An alert's work order is the
 * one whose `source.alertIds` names it (alerts that joined an order included), else the alert's own
 * `workOrderId`. Alerts whose work is not resolved yet, or that opened none (muted, flapping),
 * count as alerts but as neither a fix nor a false alarm. Ranked by false-alarm rate, then alerts.
 */
export function ruleOutcomes(alerts: readonly AlertFact[], workOrders: readonly WorkOrder[], period: Period): RuleOutcome[] {
  const byId = new Map(workOrders.map((workOrder) => [workOrder.id, workOrder]))
  const byAlert = new Map<string, WorkOrder>()
  for (const workOrder of workOrders) if (workOrder.source.kind === 'alert') for (const alertId of workOrder.source.alertIds) byAlert.set(alertId, workOrder)
  const workOf = (alert: AlertFact): WorkOrder | undefined => byAlert.get(alert.id) ?? (alert.workOrderId === undefined ? undefined : byId.get(alert.workOrderId))
  const opened = alerts.filter((alert) => inPeriod(alert.openedAt, period))
  return [...groupBy(opened, (alert) => alert.ruleId)]
    .map(([ruleId, ruleAlerts]) => {
      const codes = ruleAlerts.map((alert) => workOf(alert)?.resolution?.code)
      return {
        ruleId,
        alerts: ruleAlerts.length,
        withWorkOrder: ruleAlerts.filter((alert) => workOf(alert) !== undefined).length,
        realFix: rate(codes.filter((code) => code !== undefined && code !== 'no_fault_found').length, ruleAlerts.length),
        falseAlarm: rate(codes.filter((code) => code === 'no_fault_found').length, ruleAlerts.length)
      }
    })
    .sort((a, b) => (b.falseAlarm.rate ?? 0) - (a.falseAlarm.rate ?? 0) || b.alerts - a.alerts || a.ruleId.localeCompare(b.ruleId))
}
