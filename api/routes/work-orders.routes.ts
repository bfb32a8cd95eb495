import { Type } from '@sinclair/typebox'
import type { TObject } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ApiRole } from '../../core/auth/api-tokens.js'
import { deadlineState } from '../../core/domain/response-deadline.js'
import { WORK_ORDER_MOVES } from '../../core/domain/work-order-lifecycle.js'
import type { ActionInput, WorkOrderAction } from '../../core/domain/work-order-lifecycle.js'
import { RESOLUTION_CODES, WORK_ORDER_STATUSES } from '../../core/domain/work-order.js'
import type { ResolutionCode, WorkOrder } from '../../core/domain/work-order.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { AuditEntrySchema, EscalationsSchema, Id, ListOf, NewWorkOrderSchema, ProblemSchema, WorkOrderSchema, literals } from '../schemas.js'
import { visibleToEngineer } from '../work-orders/work-order-permissions.js'
import type { WorkOrderTransitions } from '../work-orders/work-order-transitions.js'
import type { ResponseEscalation } from '../work-orders/response-escalation.js'
import type { WorkOrderDispatch } from '../work-orders/work-order-dispatch.js'
import { QR_CODE_PATTERN } from '../../core/registry/qr-code.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'
import type { WorkOrderService } from '../work-orders/work-order.service.js'

export interface WorkOrderRouteDeps {
  service: WorkOrderService
  workOrders: WorkOrderRepository
  transitions: WorkOrderTransitions
  escalation: ResponseEscalation
  registry: RegistryStore
  /** Hands declined and reopened work to someone else at once. */
  dispatch?: WorkOrderDispatch | undefined
  now: () => number
}

const WorkOrderId = Type.String({ pattern: '^WO-\\d{6,}$', examples: ['WO-000042'] })
const Note = Type.Optional(Type.String({ maxLength: 4000, description: 'Kept in the audit trail', examples: ['on my way, 15 minutes'] }))

/** What each lifecycle action takes besides a note, and who may call it. */
const ACTION_ROUTES: readonly { action: WorkOrderAction; summary: string; body: TObject; roles: readonly ApiRole[] }[] = [
  { action: 'assign', summary: 'Assign (or reassign) to an engineer', body: Type.Object({ engineerId: Id, note: Note }, { additionalProperties: false }), roles: ['admin', 'manager', 'engineer', 'service'] },
  { action: 'accept', summary: 'Accept an assignment: the first engineer to accept stays responsible until it closes', body: Type.Object({ note: Note }, { additionalProperties: false }), roles: ['admin', 'manager', 'engineer'] },
  { action: 'decline', summary: 'Hand an assignment back to be dispatched again', body: Type.Object({ note: Note }, { additionalProperties: false }), roles: ['admin', 'manager', 'engineer'] },
  { action: 'start', summary: 'Start work (checking in at the equipment also does this)', body: Type.Object({ note: Note }, { additionalProperties: false }), roles: ['admin', 'manager', 'engineer'] },
  {
    action: 'resolve',
    summary: 'Resolve: how it ended, and whether it was fixed on the first visit',
    body: Type.Object({ code: literals(RESOLUTION_CODES), firstVisitFix: Type.Boolean(), note: Type.String({ maxLength: 4000, examples: ['replaced the drive-end bearing'] }) }, { additionalProperties: false }),
    roles: ['admin', 'manager', 'engineer']
  },
  { action: 'close', summary: 'Close resolved work', body: Type.Object({ note: Note }, { additionalProperties: false }), roles: ['admin', 'manager'] },
  { action: 'cancel', summary: 'Cancel work that is not needed', body: Type.Object({ note: Note }, { additionalProperties: false }), roles: ['admin', 'manager'] },
  { action: 'reopen', summary: 'Reopen resolved or closed work that is not fixed after all', body: Type.Object({ note: Note }, { additionalProperties: false }), roles: ['admin', 'manager', 'service'] }
]

export function workOrderRoutes(app: FastifyInstance, deps: WorkOrderRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const view = (workOrder: WorkOrder) => ({ ...workOrder, deadline: { dueAt: workOrder.responseDueAt, state: deadlineState(workOrder, deps.now()) } })
  /** Engineers see their own work and what nobody has yet; everyone else with a read role sees all. */
  const visible = (request: FastifyRequest, workOrder: WorkOrder): boolean => request.principal?.role !== 'engineer' || visibleToEngineer(workOrder, request.principal.engineerId)

  api.post(
    '/api/v1/work-orders',
    {
      config: { roles: ['admin', 'manager', 'engineer', 'requester', 'service'] },
      schema: {
        tags: ['work orders'],
        summary: 'Open a work order',
        description:
          'Idempotent with an Idempotency-Key header: repeating a request gives back the first result (200); the same key with a different body is a 409. ' +
          'A work order for an alert joins the equipment\'s active alert work order (200) instead of opening a second one.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$', examples: ['alert-al_lz3k0a1b2c3d4'] })) }),
        body: NewWorkOrderSchema,
        response: { 200: WorkOrderSchema, 201: WorkOrderSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const principal = request.principal
      if (principal === undefined) throw new Error('auth hook did not set a principal')
      const { workOrder, outcome } = await deps.service.create(request.body, principal, request.headers['idempotency-key'])
      reply.header('location', `/api/v1/work-orders/${workOrder.id}`)
      if (outcome !== 'created') reply.header('x-vigil-outcome', outcome)
      return reply.code(outcome === 'created' ? 201 : 200).send(view(workOrder))
    }
  )

  api.get(
    '/api/v1/work-orders',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['work orders'],
        summary: 'List work orders, newest first',
        querystring: Type.Object(
          {
            equipmentId: Type.Optional(Id),
            status: Type.Optional(Type.Union(WORK_ORDER_STATUSES.map((s) => Type.Literal(s)))),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
          },
          { additionalProperties: false }
        ),
        response: { 200: ListOf(WorkOrderSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const { limit = 100, ...filter } = request.query
      // Filtering engineers' view after the fact: ask for more, then keep what they may see.
      const items = (await deps.workOrders.list({ ...filter, limit: request.principal?.role === 'engineer' ? Math.max(limit * 10, 1000) : limit })).filter((wo) => visible(request, wo))
      return { items: items.slice(0, limit).map(view) }
    }
  )

  api.get(
    '/api/v1/work-orders/:id',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['work orders'],
        summary: 'One work order',
        params: Type.Object({ id: WorkOrderId }),
        response: { 200: WorkOrderSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => view(await readable(request, request.params.id))
  )

  api.get(
    '/api/v1/escalations',
    {
      config: { roles: ['admin', 'manager'] },
      schema: {
        tags: ['work orders'],
        summary: 'Missed response deadlines: the latest escalations and their count per site',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }, { additionalProperties: false }),
        response: { 200: EscalationsSchema }
      }
    },
    async (request) => ({ countsBySite: await deps.escalation.counts(), items: await deps.escalation.recent(request.query.limit ?? 100) })
  )

  api.get(
    '/api/v1/work-orders/:id/audit',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['work orders'],
        summary: 'Every change of a work order: who, when, from, to, note',
        params: Type.Object({ id: WorkOrderId }),
        response: { 200: ListOf(AuditEntrySchema), 404: ProblemSchema }
      }
    },
    async (request) => {
      await readable(request, request.params.id)
      return { items: await deps.workOrders.audit(request.params.id) }
    }
  )

  for (const route of ACTION_ROUTES) {
    api.post(
      `/api/v1/work-orders/:id/${route.action}`,
      {
        config: { roles: route.roles },
        // A bare POST (no note) is a whole request: the body is optional.
        preValidation: (request, _reply, done) => {
          request.body ??= {}
          done()
        },
        schema: {
          tags: ['work orders'],
          summary: route.summary,
          description: `Moves the work order from ${WORK_ORDER_MOVES[route.action].from.join(' | ')} to ${WORK_ORDER_MOVES[route.action].to}. From any other status: 409 with the allowed actions listed. Kept in the audit trail.`,
          params: Type.Object({ id: WorkOrderId }),
          body: route.body,
          response: { 200: WorkOrderSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema }
        }
      },
      async (request) => {
        const principal = request.principal
        if (principal === undefined) throw new Error('auth hook did not set a principal')
        const body = (request.body ?? {}) as { engineerId?: string; note?: string; code?: ResolutionCode; firstVisitFix?: boolean }
        const input: ActionInput & { note?: string } = {}
        if (body.engineerId !== undefined) input.engineerId = body.engineerId
        if (body.note !== undefined) input.note = body.note
        if (route.action === 'resolve') input.resolution = { code: body.code as ResolutionCode, firstVisitFix: body.firstVisitFix === true, note: body.note ?? '' }
        const changed = await deps.transitions.act(request.params.id, route.action, principal, input)
        // The caller sees the change they made; dispatch finds the next engineer before the answer goes out.
        if (route.action === 'decline' || route.action === 'reopen') await deps.dispatch?.dispatch(changed.id)
        return view(changed)
      }
    )
  }

  api.post(
    '/api/v1/work-orders/:id/notes',
    {
      config: { roles: ['admin', 'manager', 'engineer'] },
      schema: {
        tags: ['work orders'],
        summary: 'Add a progress note',
        description: 'Kept in the audit trail with who and when; the status does not change.',
        params: Type.Object({ id: WorkOrderId }),
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 4000, examples: ['Bearing housing at 71 °C; ordered a replacement'] }) }, { additionalProperties: false }),
        response: { 200: WorkOrderSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const principal = request.principal
      if (principal === undefined) throw new Error('auth hook did not set a principal')
      return view(await deps.transitions.record(request.params.id, principal, { kind: 'note', note: request.body.note }))
    }
  )

  api.post(
    '/api/v1/work-orders/:id/check-in',
    {
      config: { roles: ['admin', 'manager', 'engineer'] },
      schema: {
        tags: ['work orders'],
        summary: 'Check in at the equipment by its QR code id',
        description:
          'Send the code printed under the QR sticker on the equipment (`qrCode` of the equipment). Records the arrival time (`arrivedAt`, kept from the first check-in) and, for accepted work, starts it. ' +
          'A code of other equipment is a 400 naming `body.qrCode`.',
        params: Type.Object({ id: WorkOrderId }),
        body: Type.Object(
          { qrCode: Type.String({ pattern: QR_CODE_PATTERN, examples: ['7k3m9q2xwd'] }), note: Type.Optional(Type.String({ maxLength: 4000, examples: ['on site, pump room B2'] })) },
          { additionalProperties: false }
        ),
        response: { 200: WorkOrderSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const principal = request.principal
      if (principal === undefined) throw new Error('auth hook did not set a principal')
      const workOrder = await readable(request, request.params.id)
      const equipment = await deps.registry.getEquipment(workOrder.equipmentId)
      if (equipment?.qrCode !== request.body.qrCode) {
        const scanned = await deps.registry.getEquipmentByQrCode(request.body.qrCode)
        const where = equipment === undefined ? '' : ` (${equipment.name}, ${equipment.location})`
        throw badRequest('body.qrCode', `${scanned === undefined ? 'this code is not on any equipment' : `this code is on equipment ${scanned.id}`}; scan the sticker on ${workOrder.equipmentId}${where}`)
      }
      const note = request.body.note === undefined ? `checked in at ${equipment.id} by QR code` : `checked in at ${equipment.id} by QR code: ${request.body.note}`
      return view(await deps.transitions.record(workOrder.id, principal, { kind: 'check_in', note }))
    }
  )

  api.put(
    '/api/v1/work-orders/:id/checklist/:step',
    {
      config: { roles: ['admin', 'manager', 'engineer'] },
      schema: {
        tags: ['work orders'],
        summary: 'Record one checklist step',
        description:
          'For a pass/fail step send `passed`; for a value step send the measured `value` (it passes within the step\'s min..max). A step marked photoRequired needs `photoId`, ' +
          'one of the work order\'s photos (upload it first). Recording again replaces the step\'s result. The work order cannot be resolved while a step has no result.',
        params: Type.Object({ id: WorkOrderId, step: Type.String({ maxLength: 63, examples: ['churn-pressure'] }) }),
        body: Type.Object(
          {
            passed: Type.Optional(Type.Boolean()),
            value: Type.Optional(Type.Number({ examples: [8.4] })),
            photoId: Type.Optional(Type.String({ maxLength: 40, examples: ['ph_3f9a1c0d2b4e4f6a8b0c1d2e3f405162'] })),
            note: Type.Optional(Type.String({ maxLength: 1000, examples: ['gauge re-zeroed before the test'] }))
          },
          { additionalProperties: false, examples: [{ value: 8.4, photoId: 'ph_3f9a1c0d2b4e4f6a8b0c1d2e3f405162' }] }
        ),
        response: { 200: WorkOrderSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const principal = request.principal
      if (principal === undefined) throw new Error('auth hook did not set a principal')
      await readable(request, request.params.id)
      return view(await deps.transitions.record(request.params.id, principal, { kind: 'checklist', itemId: request.params.step, entry: request.body }))
    }
  )

  async function readable(request: FastifyRequest, id: string): Promise<WorkOrder> {
    const workOrder = await deps.workOrders.get(id)
    // Someone else's work is not found for an engineer: no hint that it exists.
    if (workOrder === undefined || !visible(request, workOrder)) throw notFound(`work order ${id}`)
    return workOrder
  }
}
