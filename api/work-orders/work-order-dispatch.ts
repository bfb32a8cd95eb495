import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import { chooseEngineer } from '../../core/domain/dispatch-choice.js'
import type { Engineer } from '../../core/domain/engineer.js'
import type { WorkOrder } from '../../core/domain/work-order.js'
import type { Logger } from '../../core/logger.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import type { WorkOrderRepository } from './work-order.repository.js'

/** The outcome of one dispatch, for the caller and the tests. */
export type DispatchOutcome =
  | { outcome: 'assigned'; engineerId: string }
  | { outcome: 'escalated'; why: string }
  /** Not for dispatch: already assigned, answered, finished, or gone. */
  | { outcome: 'skipped' }
  /** Redis failed; the work stays open for a manager and its response deadline still escalates. */
  | { outcome: 'failed' }

export interface WorkOrderDispatchDeps {
  workOrders: WorkOrderRepository
  registry: RegistryStore
  /** The engineers who work at a site. */
  team: { list(filter: { siteId: string }): Promise<Engineer[]> }
  /** Assigns as the dispatch service account, through the lifecycle (WorkOrderTransitions.act). */
  assign: (workOrderId: string, engineerId: string, principal: ApiPrincipal, note: string) => Promise<WorkOrder>
  /** Escalates at once to the site's supervisor (ResponseEscalation.escalateNow). */
  escalateNow: (workOrderId: string, why: string) => Promise<boolean>
  logger: Logger
  now?: () => number
}

/** Orders of each waiting status one sweep looks at. */
const SWEEP_LIMIT = 1000

const DISPATCH: ApiPrincipal = { name: 'vigil (dispatch)', role: 'service' }

/** Work waiting for an engineer: opened, declined back, or reopened with nobody responsible. */
export function awaitsDispatch(workOrder: WorkOrder): boolean {
  return (workOrder.status === 'open' || workOrder.status === 'reopened') && workOrder.assigneeId === undefined
}

/**
 * Gives new work to an engineer (core/domain/dispatch-choice.ts): on shift at the site, qualified
 * and certified for the equipment, lightest load. Nobody available escalates at once. Runs when a
 * work order is created, declined or reopened; a manager can always assign by hand.
 */
export class WorkOrderDispatch {
  private readonly now: () => number

  constructor(private readonly deps: WorkOrderDispatchDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Never throws: a failed dispatch is logged and leaves the work open (its deadline still escalates). */
  async dispatch(workOrderId: string): Promise<DispatchOutcome> {
    try {
      return await this.tryDispatch(workOrderId)
    } catch (error) {
      this.deps.logger.warn({ err: error, workOrderId }, 'dispatch failed; the work order stays open until a manager assigns it or its deadline escalates')
      return { outcome: 'failed' }
    }
  }

  /**
   * Offers every order still waiting to whoever can take it now: work that came in when nobody
   * was on shift is assigned once someone is. Returns how many were assigned. An order escalated
   * already is not escalated again.
   */
  async sweep(): Promise<number> {
    const waiting = (await Promise.all([this.deps.workOrders.list({ status: 'open', limit: SWEEP_LIMIT }), this.deps.workOrders.list({ status: 'reopened', limit: SWEEP_LIMIT })])).flat().filter(awaitsDispatch)
    let assigned = 0
    // Oldest first: they have waited longest.
    for (const workOrder of waiting.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      if ((await this.dispatch(workOrder.id)).outcome === 'assigned') assigned++
    }
    return assigned
  }

  private async tryDispatch(workOrderId: string): Promise<DispatchOutcome> {
    const workOrder = await this.deps.workOrders.get(workOrderId)
    if (workOrder === undefined || !awaitsDispatch(workOrder)) return { outcome: 'skipped' }
    const [equipment, site, team] = await Promise.all([this.deps.registry.getEquipment(workOrder.equipmentId), this.deps.registry.getSite(workOrder.siteId), this.deps.team.list({ siteId: workOrder.siteId })])
    if (equipment === undefined) return { outcome: 'skipped' }
    const loads = await this.deps.workOrders.loads(team.map((engineer) => engineer.id))
    const work = { siteId: workOrder.siteId, equipmentType: equipment.type, atMs: this.now(), timeZone: site?.timezone ?? 'UTC' }
    const choice = chooseEngineer(team, work, loads, workOrder.declinedBy)
    if (choice.engineerId !== undefined) {
      const note = `dispatched: lightest load (${choice.load} active) of ${choice.candidates} qualified on shift`
      try {
        await this.deps.assign(workOrder.id, choice.engineerId, DISPATCH, note)
        return { outcome: 'assigned', engineerId: choice.engineerId }
      } catch (error) {
        // Someone (a manager, the engineer taking it) got there first: their choice stands.
        this.deps.logger.info({ err: error, workOrderId }, 'dispatch lost a race; the work order changed meanwhile')
        return { outcome: 'skipped' }
      }
    }
    const why =
      team.length === 0
        ? `nobody works at site ${workOrder.siteId}`
        : `nobody qualified for ${equipment.type} on shift: ${choice.passedOver.map((passed) => `${passed.engineerId} ${passed.reason.replaceAll('_', ' ')}`).join(', ')}`
    await this.deps.escalateNow(workOrder.id, why)
    return { outcome: 'escalated', why }
  }
}
