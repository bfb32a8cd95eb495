import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { METRIC_CATALOG } from '../../core/domain/metric-catalog.js'
import { EQUIPMENT_TYPES } from '../../core/domain/equipment.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { notFound } from '../problem.js'
import { EquipmentSchema, Id, ListOf, ProblemSchema, TelemetryQuerySchema, TelemetryTrendSchema } from '../schemas.js'
import type { TelemetryQueries } from '../telemetry-queries.js'
import { resolveTrendWindow } from '../trend-window.js'

export function equipmentRoutes(app: FastifyInstance, deps: { registry: RegistryStore; telemetry: TelemetryQueries; now: () => number }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/equipment',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['equipment'],
        summary: 'List equipment',
        querystring: Type.Object(
          { siteId: Type.Optional(Id), type: Type.Optional(Type.Union(EQUIPMENT_TYPES.map((t) => Type.Literal(t)))) },
          { additionalProperties: false }
        ),
        response: { 200: ListOf(EquipmentSchema), 400: ProblemSchema, 401: ProblemSchema }
      }
    },
    async (request) => ({ items: await deps.registry.listEquipment(request.query) })
  )

  api.get(
    '/api/v1/equipment/:id',
    {
      config: { roles: READ_ROLES },
      schema: { tags: ['equipment'], summary: 'One piece of equipment', params: Type.Object({ id: Id }), response: { 200: EquipmentSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const equipment = await deps.registry.getEquipment(request.params.id)
      if (equipment === undefined) throw notFound(`equipment ${request.params.id}`)
      return equipment
    }
  )

  api.get(
    '/api/v1/equipment/:id/telemetry',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['equipment'],
        summary: "A metric's trend: mean, min, max and count per time bucket",
        params: Type.Object({ id: Id }),
        querystring: TelemetryQuerySchema,
        response: { 200: TelemetryTrendSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const equipment = await deps.registry.getEquipment(request.params.id)
      if (equipment === undefined) throw notFound(`equipment ${request.params.id}`)
      const window = resolveTrendWindow(request.query, deps.now())
      const { resolution, points } = await deps.telemetry.trend(equipment.id, request.query.metric, window)
      const unit = METRIC_CATALOG[equipment.type][request.query.metric]?.unit
      return {
        equipmentId: equipment.id,
        metric: request.query.metric,
        ...(unit === undefined ? {} : { unit }),
        from: new Date(window.fromMs).toISOString(),
        to: new Date(window.toMs).toISOString(),
        everyMs: window.everyMs,
        resolution,
        points
      }
    }
  )
}
