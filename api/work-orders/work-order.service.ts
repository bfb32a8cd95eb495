import { createHash } from 'node:crypto'
import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import { responseDueAt } from '../../core/domain/work-order.js'
import type { PhotoRef, WorkOrder, WorkOrderKind, WorkOrderPriority, WorkOrderSource } from '../../core/domain/work-order.js'
import type { ChecklistItemSpec } from '../../core/maintenance/checklist.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { PROBLEM_TYPES, ProblemError, badRequest } from '../problem.js'
import type { CreateOutcome, WorkOrderRepository } from './work-order.repository.js'

export interface NewWorkOrder {
  equipmentId: string
  title: string
  description?: string | undefined
  priority: WorkOrderPriority
  kind?: WorkOrderKind | undefined
  source?: { kind: 'alert'; alertId: string; ruleId: string } | { kind: 'request'; requestId: string } | { kind: 'plan'; planId: string; occurrence: number } | undefined
  /** Photos stored already (an occupant's report comes with one). */
  photos?: PhotoRef[] | undefined
  /** Inspection steps to record before it can be resolved. */
  checklist?: ChecklistItemSpec[] | undefined
}

export interface WorkOrderServiceDeps {
  workOrders: WorkOrderRepository
  registry: RegistryStore
  /** Response deadlines by priority, minutes (RESPONSE_DEADLINE_*). */
  responseMinutes?: Readonly<Record<WorkOrderPriority, number>>
  /** Schedules the check of each work order's response deadline (response-deadlines.ts). */
  deadlines?: { schedule(workOrder: WorkOrder): Promise<void> } | undefined
  /** Gives new and reopened work to an engineer (work-order-dispatch.ts). */
  dispatch?: { dispatch(workOrderId: string): Promise<unknown> } | undefined
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
   * if the new alert is more urgent; one whose condition comes back within the verification
   * window of its resolved or closed work order reopens that instead.
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
      source: sourceOf(request),
      createdAt: new Date(createdAtMs).toISOString(),
      createdBy: principal.name,
      responseDueAt: responseDueAt(createdAtMs, request.priority, this.deps.responseMinutes),
      version: 1,
      ...(request.photos === undefined || request.photos.length === 0 ? {} : { photos: request.photos }),
      ...(request.checklist === undefined || request.checklist.length === 0 ? {} : { checklist: request.checklist.map((item) => ({ ...item })) })
    }
    const { outcome, id } = await this.deps.workOrders.create({
      draft,
      idempotencyKey,
      requestHash: createHash('sha256').update(JSON.stringify([request.equipmentId, request.title, description, request.priority, request.kind ?? 'corrective', request.source ?? null])).digest('hex'),
      alert: request.source?.kind === 'alert' ? { ...request.source, note: `${request.title}: ${description}` } : undefined
    })
    if (outcome === 'conflict') {
      throw new ProblemError({
        type: PROBLEM_TYPES.conflict,
        title: 'Idempotency-Key reused',
        status: 409,
        detail: `Idempotency-Key ${idempotencyKey ?? ''} was used for a different request (work order ${id}); use a new key for a new request`
      })
    }
    const created = await this.deps.workOrders.get(id)
    if (created === undefined) throw new Error(`work order ${id} vanished right after ${outcome}`)
    // Idempotent (one job per work order and deadline), so a replayed request repairs a lost schedule.
    if (outcome !== 'reopened') await this.deps.deadlines?.schedule(created)
    if (this.deps.dispatch === undefined || (outcome !== 'created' && outcome !== 'reopened')) return { workOrder: created, outcome }
    await this.deps.dispatch.dispatch(id)
    return { workOrder: (await this.deps.workOrders.get(id)) ?? created, outcome }
  }
}

function sourceOf(request: NewWorkOrder): WorkOrderSource {
  if (request.source === undefined) return { kind: 'manual' }
  if (request.source.kind === 'request') return { kind: 'request', requestId: request.source.requestId }
  if (request.source.kind === 'plan') return { kind: 'plan', planId: request.source.planId, occurrence: request.source.occurrence }
  return { kind: 'alert', alertIds: [request.source.alertId], ruleIds: [request.source.ruleId] }
}
