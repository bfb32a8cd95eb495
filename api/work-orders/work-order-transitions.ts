import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import { allowedActions, applyAction, nextStatus } from '../../core/domain/work-order-lifecycle.js'
import type { ActionInput, WorkOrderAction } from '../../core/domain/work-order-lifecycle.js'
import type { PhotoRef, WorkOrder } from '../../core/domain/work-order.js'
import { PROBLEM_TYPES, ProblemError, badRequest, notFound } from '../problem.js'
import { checklistGaps, recordChecklistEntry } from '../../core/maintenance/checklist.js'
import type { ChecklistEntry, ChecklistItem } from '../../core/maintenance/checklist.js'
import { fieldWorkRefusal, refusal } from './work-order-permissions.js'
import type { AuditEntry, WorkOrderRepository } from './work-order.repository.js'

export interface WorkOrderTransitionsDeps {
  workOrders: WorkOrderRepository
  /** Whether an engineer exists (assign); without it any id is taken. */
  engineerExists?: (engineerId: string) => Promise<boolean>
  /** After an alert's work is resolved or closed, the same condition coming back within this reopens it. */
  verificationWindowMs?: number
  /** Told after every change is stored (dispatch, deadlines, verification windows listen). */
  onChange?: (workOrder: WorkOrder, entry: AuditEntry, previous: WorkOrder) => void
  now?: () => number
}

/** Concurrent changes are retried this many times before the caller is told to try again. */
const ATTEMPTS = 5

/**
 * Moves work orders through their lifecycle (core/domain/work-order-lifecycle.ts) for a caller:
 * checks the move is allowed from the current status (409 listing the allowed actions
 * otherwise) and that this caller may make it (403 saying why), then writes the change over the
 * version it was read at, with its audit entry, retrying if someone else changed it meanwhile.
 */
export class WorkOrderTransitions {
  private readonly now: () => number

  constructor(private readonly deps: WorkOrderTransitionsDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Adds a note, an arrival or a photo, with its audit entry; a check-in also starts accepted work. */
  async record(id: string, principal: ApiPrincipal, change: FieldChange): Promise<WorkOrder> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await this.deps.workOrders.get(id)
      if (current === undefined) throw notFound(`work order ${id}`)
      const refused = fieldWorkRefusal(principal, current)
      if (refused !== undefined) throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: refused })
      if ((change.kind === 'check_in' || change.kind === 'checklist') && !['accepted', 'in_progress', 'reopened'].includes(current.status)) {
        const what = change.kind === 'check_in' ? 'check in' : 'record checklist steps'
        throw new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Not allowed in this status', status: 409, detail: `${what} once the work is accepted; work order ${id} is ${current.status}`, allowedActions: allowedActions(current.status) })
      }
      const at = new Date(this.now()).toISOString()
      let next = applyFieldChange(current, change, at)
      let note = change.kind === 'photo' ? `photo ${change.photo.id}${change.photo.caption === undefined ? '' : `: ${change.photo.caption}`}` : change.kind === 'checklist' ? undefined : change.note
      if (change.kind === 'checklist') {
        const item = checklistStep(current, change, principal.name, at)
        next = { ...next, checklist: (current.checklist ?? []).map((step) => (step.id === item.id ? item : step)) }
        note = describeStep(item)
      }
      const entry: AuditEntry = { at, by: principal.name, action: change.kind, from: current.status, to: next.status }
      if (note !== undefined && note !== '') entry.note = note
      const outcome = await this.deps.workOrders.update(current, next, entry)
      if (outcome === 'not_found') throw notFound(`work order ${id}`)
      if (outcome === 'ok') {
        this.deps.onChange?.(next, entry, current)
        return next
      }
    }
    throw new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Changed meanwhile', status: 409, detail: `work order ${id} kept changing; read it again and retry` })
  }

  /**
   * `onlyIf` is checked on the version the change is written over: dispatch assigns only work
   * still waiting, so a manager's or another dispatcher's assignment made meanwhile stands.
   */
  async act(id: string, action: WorkOrderAction, principal: ApiPrincipal, input: ActionInput & { note?: string | undefined } = {}, onlyIf?: (current: WorkOrder) => boolean): Promise<WorkOrder> {
    if (action === 'assign') {
      if (input.engineerId === undefined) throw badRequest('body.engineerId', 'required: the engineer to assign')
      if (this.deps.engineerExists !== undefined && !(await this.deps.engineerExists(input.engineerId))) throw badRequest('body.engineerId', `engineer ${input.engineerId} is not in the registry`)
    }
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await this.deps.workOrders.get(id)
      if (current === undefined) throw notFound(`work order ${id}`)
      if (nextStatus(current.status, action) === undefined) throw notAllowed(current, action)
      const missing = action === 'resolve' ? checklistGaps(current.checklist) : []
      if (missing.length > 0) {
        throw new ProblemError({
          type: PROBLEM_TYPES.conflict,
          title: 'Checklist not complete',
          status: 409,
          detail: `record every checklist step before resolving work order ${id} (PUT /api/v1/work-orders/${id}/checklist/{step}); missing: ${missing.map((step) => step.id).join(', ')}`
        })
      }
      if (onlyIf !== undefined && !onlyIf(current)) throw new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Changed meanwhile', status: 409, detail: `work order ${id} changed meanwhile (it is ${current.status}); nothing was done` })
      const refused = refusal(principal, current, { action, ...(input.engineerId === undefined ? {} : { engineerId: input.engineerId }) })
      if (refused !== undefined) throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: refused })
      const at = new Date(this.now()).toISOString()
      const next = applyAction(current, action, input, at)
      const entry: AuditEntry = { at, by: principal.name, action, from: current.status, to: next.status }
      const note = [input.engineerId === undefined ? undefined : `to ${input.engineerId}`, input.resolution === undefined ? undefined : `${input.resolution.code}${input.resolution.firstVisitFix ? ', first visit' : ''}`, input.note]
        .filter((part) => part !== undefined && part !== '')
        .join('; ')
      if (note !== '') entry.note = note
      const outcome = await this.deps.workOrders.update(current, next, entry)
      if (outcome === 'not_found') throw notFound(`work order ${id}`)
      if (outcome === 'ok') {
        if (next.status === 'resolved' || next.status === 'closed') await this.deps.workOrders.openVerificationWindow(next, this.deps.verificationWindowMs ?? 0)
        this.deps.onChange?.(next, entry, current)
        return next
      }
    }
    throw new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Changed meanwhile', status: 409, detail: `work order ${id} kept changing while this ${action} was applied; read it again and retry` })
  }
}

/** A change that keeps the lifecycle where it is (or, for a check-in, starts the work): notes, arrivals, photos. */
export type FieldChange = { kind: 'note'; note: string } | { kind: 'check_in'; note?: string } | { kind: 'photo'; photo: PhotoRef } | { kind: 'checklist'; itemId: string; entry: ChecklistEntry }

/** The work order after a field change, and its audit entry's action. Pure. */
export function applyFieldChange(workOrder: WorkOrder, change: FieldChange, at: string): WorkOrder {
  const next: WorkOrder = { ...workOrder, version: workOrder.version + 1 }
  if (change.kind === 'check_in') {
    next.arrivedAt ??= at
    // Arriving at the equipment is starting the work.
    if (workOrder.status === 'accepted') {
      next.status = 'in_progress'
      next.startedAt ??= at
    }
  }
  if (change.kind === 'photo') next.photos = [...(workOrder.photos ?? []), change.photo]
  return next
}

function notAllowed(workOrder: WorkOrder, action: WorkOrderAction): ProblemError {
  const allowed = allowedActions(workOrder.status)
  return new ProblemError({
    type: PROBLEM_TYPES.conflict,
    title: 'Not allowed in this status',
    status: 409,
    detail: `cannot ${action} work order ${workOrder.id}: it is ${workOrder.status}; allowed now: ${allowed.length === 0 ? 'nothing (it is finished)' : allowed.join(', ')}`,
    allowedActions: allowed
  })
}

/** The checklist step with the engineer's entry recorded; 404 for an unknown step, 400 naming what is wrong. */
function checklistStep(workOrder: WorkOrder, change: { itemId: string; entry: ChecklistEntry }, by: string, at: string): ChecklistItem {
  const item = workOrder.checklist?.find((step) => step.id === change.itemId)
  if (item === undefined) throw notFound(`checklist step ${change.itemId} of work order ${workOrder.id}`)
  const recorded = recordChecklistEntry(item, change.entry, (workOrder.photos ?? []).map((photo) => photo.id), at, by)
  if (!recorded.ok) throw badRequest(`body.${recorded.field}`, recorded.message)
  return recorded.item
}

function describeStep(item: ChecklistItem): string {
  const value = item.result?.value === undefined ? '' : ` (${item.result.value}${item.unit === undefined ? '' : ` ${item.unit}`})`
  return `${item.id}: ${item.result?.passed === true ? 'passed' : 'failed'}${value}${item.result?.note === undefined ? '' : `; ${item.result.note}`}`
}
