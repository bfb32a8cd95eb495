import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { WORK_ORDER_STATUSES } from '../../core/domain/work-order.js'
import { READ_ROLES } from '../auth.js'
import { notFound } from '../problem.js'
import { Id, ListOf, NewWorkOrderSchema, ProblemSchema, WorkOrderSchema } from '../schemas.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'
import type { WorkOrderService } from '../work-orders/work-order.service.js'

export function workOrderRoutes(app: FastifyInstance, deps: { service: WorkOrderService; workOrders: WorkOrderRepository }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

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
      return reply.code(outcome === 'created' ? 201 : 200).send(workOrder)
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
    async (request) => ({ items: await deps.workOrders.list(request.query) })
  )

  api.get(
    '/api/v1/work-orders/:id',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['work orders'],
        summary: 'One work order',
        params: Type.Object({ id: Type.String({ pattern: '^WO-\\d{6,}$' }) }),
        response: { 200: WorkOrderSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const workOrder = await deps.workOrders.get(request.params.id)
      if (workOrder === undefined) throw notFound(`work order ${request.params.id}`)
      return workOrder
    }
  )
}
