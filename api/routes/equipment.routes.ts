import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { METRIC_CATALOG } from '../../core/domain/metric-catalog.js'
import { EQUIPMENT_TYPES } from '../../core/domain/equipment.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { alreadyExists, inUse } from '../registry-problems.js'
import { EquipmentPatchSchema, NewEquipmentSchema } from '../registry-schemas.js'
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

  api.post(
    '/api/v1/equipment',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['equipment'],
        summary: 'Register equipment in a building',
        description:
          'The building must exist; the site follows from it. The equipment gets a QR code id (`qrCode`), short, random and unique: print its sticker from ' +
          '`GET /api/v1/equipment/{id}/qr.svg`. Id and type are permanent: they tag stored readings and choose the rules.',
        body: NewEquipmentSchema,
        response: { 201: EquipmentSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const { id, buildingId, type, name, location } = request.body
      const building = await deps.registry.getBuilding(buildingId)
      if (building === undefined) throw badRequest('body.buildingId', `building ${buildingId} does not exist; register it first with POST /api/v1/buildings`)
      const { outcome, equipment } = await deps.registry.createEquipment({ id, siteId: building.siteId, buildingId, type, name, location })
      if (outcome === 'exists') throw alreadyExists(`equipment ${id}`, `/api/v1/equipment/${id}`)
      if (outcome === 'no_parent' || equipment === undefined) throw badRequest('body.buildingId', `building ${buildingId} does not exist; register it first with POST /api/v1/buildings`)
      return reply.code(201).send(equipment)
    }
  )

  api.patch(
    '/api/v1/equipment/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['equipment'],
        summary: "Change equipment's name or location",
        params: Type.Object({ id: Id }),
        body: EquipmentPatchSchema,
        response: { 200: EquipmentSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const current = await deps.registry.getEquipment(request.params.id)
      if (current === undefined) throw notFound(`equipment ${request.params.id}`)
      const equipment = { ...current, ...request.body }
      if ((await deps.registry.replaceEquipment(equipment)) === 'not_found') throw notFound(`equipment ${request.params.id}`)
      return equipment
    }
  )

  api.delete(
    '/api/v1/equipment/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['equipment'],
        summary: 'Delete equipment',
        description: 'Refused (409, naming them) while devices are attached to it or a work order on it is active. Its QR code stops working; its stored readings stay.',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const equipment = await deps.registry.getEquipment(request.params.id)
      if (equipment === undefined) throw notFound(`equipment ${request.params.id}`)
      const deleted = await deps.registry.deleteEquipment(equipment)
      if (deleted.outcome === 'not_found') throw notFound(`equipment ${request.params.id}`)
      if (deleted.outcome === 'in_use') throw inUse(`equipment ${equipment.id}`, deleted.dependents, 'delete its devices (DELETE /api/v1/devices/{id}) and close or cancel its work order first')
      return reply.code(204).send(null)
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
