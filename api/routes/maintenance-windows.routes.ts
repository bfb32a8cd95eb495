import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { windowProblem } from '../../core/maintenance/maintenance-window.js'
import type { MaintenanceWindowStore } from '../../core/maintenance/maintenance-window-store.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { Id, IsoTime, ListOf, MaintenanceWindowSchema, ProblemSchema } from '../schemas.js'

const EquipmentParams = Type.Object({ id: Id })

/** Times an equipment's alerts are muted (and their work orders held back): test runs, planned maintenance. */
export function maintenanceWindowRoutes(app: FastifyInstance, deps: { windows: MaintenanceWindowStore; registry: RegistryStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const requireEquipment = async (id: string): Promise<void> => {
    if ((await deps.registry.getEquipment(id)) === undefined) throw notFound(`equipment ${id}`)
  }

  api.get(
    '/api/v1/equipment/:id/maintenance-windows',
    {
      config: { roles: READ_ROLES },
      schema: { tags: ['equipment'], summary: "An equipment's maintenance windows", params: EquipmentParams, response: { 200: ListOf(MaintenanceWindowSchema), 404: ProblemSchema } }
    },
    async (request) => {
      await requireEquipment(request.params.id)
      return { items: await deps.windows.list(request.params.id) }
    }
  )

  api.post(
    '/api/v1/equipment/:id/maintenance-windows',
    {
      config: { roles: ['admin', 'manager'] },
      schema: {
        tags: ['equipment'],
        summary: 'Plan a maintenance or test window',
        description:
          'While a window is on, new alerts of the equipment are opened muted (annotated with the reason) and their work orders wait; ' +
          'when it ends, alerts still open get their work orders. `weekly: true` repeats it every 7 days (a weekly fire-pump test run).',
        params: EquipmentParams,
        body: Type.Object(
          {
            reason: Type.String({ minLength: 1, maxLength: 200, examples: ['weekly fire-pump test run'] }),
            startsAt: IsoTime,
            endsAt: IsoTime,
            weekly: Type.Optional(Type.Boolean({ default: false }))
          },
          { additionalProperties: false }
        ),
        response: { 201: MaintenanceWindowSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      await requireEquipment(request.params.id)
      const window = { equipmentId: request.params.id, reason: request.body.reason, startsAt: new Date(request.body.startsAt).toISOString(), endsAt: new Date(request.body.endsAt).toISOString(), weekly: request.body.weekly ?? false }
      const problem = windowProblem(window)
      if (problem !== undefined) throw badRequest(`body.${problem.field}`, problem.message)
      reply.code(201)
      return deps.windows.add(window)
    }
  )

  api.delete(
    '/api/v1/equipment/:id/maintenance-windows/:windowId',
    {
      config: { roles: ['admin', 'manager'] },
      schema: { tags: ['equipment'], summary: 'Cancel a maintenance window', params: Type.Object({ id: Id, windowId: Type.String({ maxLength: 100, examples: ['mw_3f9a1c'] }) }), response: { 204: Type.Null(), 404: ProblemSchema } }
    },
    async (request, reply) => {
      if (!(await deps.windows.remove(request.params.id, request.params.windowId))) throw notFound(`maintenance window ${request.params.windowId} of equipment ${request.params.id}`)
      return reply.code(204).send(null)
    }
  )
}
