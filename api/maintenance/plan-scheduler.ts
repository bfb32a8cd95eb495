import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import type { Logger } from '../../core/logger.js'
import type { MaintenancePlan, PendingOccurrence, PlanProgress } from '../../core/maintenance/maintenance-plan.js'
import { afterOccurrence, dueState } from '../../core/maintenance/plan-due.js'
import type { MeterReading } from '../../core/maintenance/plan-due.js'
import type { PlanStore } from '../../core/maintenance/plan-store.js'
import type { NewWorkOrder, WorkOrderService } from '../work-orders/work-order.service.js'

export interface PlanSchedulerDeps {
  plans: PlanStore
  meters: { read(equipmentId: string, metric: string): Promise<MeterReading | undefined> }
  workOrders: Pick<WorkOrderService, 'create'>
  logger: Logger
  now?: () => number
}

const PLANNER: ApiPrincipal = { name: 'vigil (maintenance plan)', role: 'service' }

/**
 * Opens the work order of every plan occurrence that has fallen due, exactly once: the occurrence
 * is written down as pending first, its work order opened with an idempotency key per plan and
 * occurrence, then the plan moves on. A restart anywhere in between opens the same work order
 * again (replayed), never a second one.
 */
export class PlanScheduler {
  private readonly now: () => number

  constructor(private readonly deps: PlanSchedulerDeps) {
    this.now = deps.now ?? Date.now
  }

  /** One pass over every plan; returns the work orders it opened. A plan that fails is logged and left for the next pass. */
  async sweep(): Promise<string[]> {
    const opened: string[] = []
    for (const plan of await this.deps.plans.list()) {
      try {
        const workOrderId = await this.tick(plan)
        if (workOrderId !== undefined) opened.push(workOrderId)
      } catch (error) {
        this.deps.logger.warn({ err: error, planId: plan.id }, 'maintenance plan not checked this time; the next pass retries')
      }
    }
    return opened
  }

  private async tick(plan: MaintenancePlan): Promise<string | undefined> {
    let progress = await this.deps.plans.progress(plan.id)
    if (progress.pending === undefined) {
      const meter = plan.meter === undefined ? undefined : await this.deps.meters.read(plan.equipmentId, plan.meter.metric)
      if (plan.meter !== undefined && progress.meterBase === undefined) {
        // Use is counted from the first reading after the plan was made.
        if (meter !== undefined) await this.deps.plans.advance(plan.id, progress, { ...progress, meterBase: meter.value })
        progress = await this.deps.plans.progress(plan.id)
      }
      const state = dueState(plan, progress, this.now(), meter)
      if (!state.due) return undefined
      const pending: PendingOccurrence = { occurrence: progress.occurrences + 1, by: state.by, dueAt: state.dueAt, reason: state.reason }
      if (meter !== undefined) pending.meterAt = meter.value
      if (!(await this.deps.plans.advance(plan.id, progress, { ...progress, pending }))) return undefined
      progress = { ...progress, pending }
    }
    return this.open(plan, progress, progress.pending as PendingOccurrence)
  }

  private async open(plan: MaintenancePlan, progress: PlanProgress, pending: PendingOccurrence): Promise<string> {
    const request: NewWorkOrder = {
      equipmentId: plan.equipmentId,
      title: plan.title,
      description: `${plan.description === '' ? '' : `${plan.description}\n\n`}Planned maintenance ${plan.id}, occurrence ${pending.occurrence}: ${pending.reason}.`,
      priority: plan.priority,
      kind: 'preventive',
      source: { kind: 'plan', planId: plan.id, occurrence: pending.occurrence },
      checklist: plan.checklist
    }
    const { workOrder, outcome } = await this.deps.workOrders.create(request, PLANNER, `plan-${plan.id}-${pending.occurrence}`)
    await this.deps.plans.advance(plan.id, progress, afterOccurrence(progress, pending, workOrder.id))
    this.deps.logger.info({ planId: plan.id, occurrence: pending.occurrence, workOrderId: workOrder.id, outcome }, 'maintenance plan occurrence opened')
    return workOrder.id
  }
}
