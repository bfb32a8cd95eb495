import { createHash } from 'node:crypto'
import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import { responseDueAt } from '../../core/domain/work-order.js'
import type { WorkOrder, WorkOrderKind, WorkOrderPriority } from '../../core/domain/work-order.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { PROBLEM_TYPES, ProblemError, badRequest } from '../problem.js'
import type { CreateOutcome, WorkOrderRepository } from './work-order.repository.js'

export interface NewWorkOrder {
  equipmentId: string
  title: string
  description?: string | undefined
  priority: WorkOrderPriority
  kind?: WorkOrderKind | undefined
  source?: { kind: 'alert'; alertId: string; ruleId: string } | undefined
}

export interface WorkOrderServiceDeps {
  workOrders: WorkOrderRepository
  registry: RegistryStore
  now?: () => number
}

export class WorkOrderService {
  private readonly now: () => number

  constructor(private readonly deps: WorkOrderServiceDeps) {
    this.now = deps.now ?? Date.now
  }

  /**
   * Opens a work order, idempotently: the same Idempotency-Key and body give back the first
   * result; the same key with another body is a 409. A work order for an alert joins the
   * equipment's work order that is still active (one visit fixes both), raising its priority
   * if the new alert is more urgent.
   */
  async create(request: NewWorkOrder, principal: ApiPrincipal, idempotencyKey?: string): Promise<{ workOrder: WorkOrder; outcome: Exclude<CreateOutcome, 'conflict'> }> {
    const equipment = await this.deps.registry.getEquipment(request.equipmentId)
    if (equipment === undefined) throw badRequest('body.equipmentId', `equipment ${request.equipmentId} is not in the registry`)
    const createdAtMs = this.now()
    const description = request.description ?? ''
    const draft: Omit<WorkOrder, 'id'> = {
      equipmentId: equipment.id,
      siteId: equipment.siteId,
      buildingId: equipment.buildingId,
      title: request.title,
      description,
      priority: request.priority,
      kind: request.kind ?? 'corrective',
      status: 'open',
      source: request.source === undefined ? { kind: 'manual' } : { kind: 'alert', alertIds: [request.source.alertId], ruleIds: [request.source.ruleId] },
      createdAt: new Date(createdAtMs).toISOString(),
      createdBy: principal.name,
      responseDueAt: responseDueAt(createdAtMs, request.priority),
      version: 1
    }
    const { outcome, id } = await this.deps.workOrders.create({
      draft,
      idempotencyKey,
      requestHash: createHash('sha256').update(JSON.stringify([request.equipmentId, request.title, description, request.priority, request.kind ?? 'corrective', request.source ?? null])).digest('hex'),
      alert: request.source === undefined ? undefined : { ...request.source, note: `${request.title}: ${description}` }
    })
    if (outcome === 'conflict') {
      throw new ProblemError({
        type: PROBLEM_TYPES.conflict,
        title: 'Idempotency-Key reused',
        status: 409,
        detail: `Idempotency-Key ${idempotencyKey ?? ''} was used for a different request (work order ${id}); use a new key for a new request`
      })
    }
    const workOrder = await this.deps.workOrders.get(id)
    if (workOrder === undefined) throw new Error(`work order ${id} vanished right after ${outcome}`)
    return { workOrder, outcome }
  }
}
