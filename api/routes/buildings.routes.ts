import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { alreadyExists, inUse } from '../registry-problems.js'
import { BuildingPatchSchema, BuildingSchema, NewBuildingSchema } from '../registry-schemas.js'
import { Id, ListOf, ProblemSchema } from '../schemas.js'

const BuildingParams = Type.Object({ id: Id })

/** Buildings of a site, holding equipment. Admins change them; every staff role reads them. */
export function buildingRoutes(app: FastifyInstance, deps: { registry: RegistryStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/buildings',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['registry'],
        summary: 'List buildings',
        querystring: Type.Object({ siteId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ListOf(BuildingSchema), 400: ProblemSchema }
      }
    },
    async (request) => ({ items: await deps.registry.listBuildings(request.query) })
  )

  api.get(
    '/api/v1/buildings/:id',
    { config: { roles: READ_ROLES }, schema: { tags: ['registry'], summary: 'One building', params: BuildingParams, response: { 200: BuildingSchema, 404: ProblemSchema } } },
    async (request) => {
      const building = await deps.registry.getBuilding(request.params.id)
      if (building === undefined) throw notFound(`building ${request.params.id}`)
      return building
    }
  )

  api.post(
    '/api/v1/buildings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Register a building on a site',
        description: 'The site must exist. The id is permanent: it is a tag of stored readings.',
        body: NewBuildingSchema,
        response: { 201: BuildingSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const building = { id: request.body.id, siteId: request.body.siteId, name: request.body.name }
      const outcome = await deps.registry.createBuilding(building)
      if (outcome === 'exists') throw alreadyExists(`building ${building.id}`, `/api/v1/buildings/${building.id}`)
      if (outcome === 'no_parent') throw badRequest('body.siteId', `site ${building.siteId} does not exist; register it first with POST /api/v1/sites`)
      return reply.code(201).send(building)
    }
  )

  api.patch(
    '/api/v1/buildings/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['registry'], summary: 'Rename a building', params: BuildingParams, body: BuildingPatchSchema, response: { 200: BuildingSchema, 400: ProblemSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const current = await deps.registry.getBuilding(request.params.id)
      if (current === undefined) throw notFound(`building ${request.params.id}`)
      const building = { ...current, name: request.body.name }
      if ((await deps.registry.replaceBuilding(building)) === 'not_found') throw notFound(`building ${request.params.id}`)
      return building
    }
  )

  api.delete(
    '/api/v1/buildings/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Delete a building',
        description: 'Refused (409, naming it) while equipment is registered in the building.',
        params: BuildingParams,
        response: { 204: Type.Null(), 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const building = await deps.registry.getBuilding(request.params.id)
      if (building === undefined) throw notFound(`building ${request.params.id}`)
      const deleted = await deps.registry.deleteBuilding(building)
      if (deleted.outcome === 'not_found') throw notFound(`building ${request.params.id}`)
      if (deleted.outcome === 'in_use') throw inUse(`building ${building.id}`, deleted.dependents, 'delete its equipment first (DELETE /api/v1/equipment/{id})')
      return reply.code(204).send(null)
    }
  )
}
