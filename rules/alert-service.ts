import type { AlertStore } from '../core/alerts/alert-store.js'
import type { Logger } from '../core/logger.js'
import type { RuleTransition } from './rules-engine.js'
import type { WorkOrderQueue } from './work-order-job.js'

export interface AlertServiceDeps {
  alerts: AlertStore
  workOrders: WorkOrderQueue
  logger: Logger
}

/**
 * Turns detector transitions into alerts: a firing rule opens an alert (once: the store refuses
 * a second open alert for the same equipment and rule) and queues its work order; a clearing
 * rule resolves it. Transitions are applied one at a time, in arrival order, so a quick
 * fire-then-clear can never resolve before it has opened.
 */
export class AlertService {
  private chain: Promise<void> = Promise.resolve()

  constructor(private readonly deps: AlertServiceDeps) {}

  submit(transition: RuleTransition): void {
    this.chain = this.chain
      .then(() => this.apply(transition))
      .catch((error: unknown) => this.deps.logger.error({ err: error, rule: transition.rule.id, equipment: transition.equipment.id }, 'could not apply an alert transition'))
  }

  /** Resolves when everything submitted so far is applied. */
  async settled(): Promise<void> {
    await this.chain
  }

  private async apply({ rule, equipment, state, ts, explanation }: RuleTransition): Promise<void> {
    const at = new Date(ts).toISOString()
    if (state === 'clear') {
      const id = await this.deps.alerts.resolve(equipment.id, rule.id, at)
      if (id !== undefined) this.deps.logger.info({ alertId: id, rule: rule.id, equipment: equipment.id }, `alert resolved: ${explanation.message}`)
      return
    }
    const alert = await this.deps.alerts.open({
      equipmentId: equipment.id,
      equipmentType: equipment.type,
      siteId: equipment.siteId,
      buildingId: equipment.buildingId,
      ruleId: rule.id,
      metric: rule.metric,
      severity: rule.severity,
      priority: rule.priority,
      openedAt: at,
      explanation
    })
    if (alert === undefined) return
    this.deps.logger.info({ alertId: alert.id, rule: rule.id, equipment: equipment.id, severity: rule.severity }, `alert opened: ${explanation.message}`)
    await this.deps.workOrders.enqueue({
      alertId: alert.id,
      ruleId: rule.id,
      equipmentId: equipment.id,
      title: `${rule.title}: ${equipment.name}`,
      description: `${explanation.message}. Opened by Vigil rule ${rule.id} (alert ${alert.id}) at ${at}. Location: ${equipment.location}.`,
      priority: rule.priority,
      kind: rule.workOrderKind
    })
  }
}
