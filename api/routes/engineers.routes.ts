import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ApiTokenStore } from '../../core/auth/api-tokens.js'
import { dispatchEligibility } from '../../core/domain/dispatch-eligibility.js'
import type { Engineer } from '../../core/domain/engineer.js'
import type { EngineerStore, EngineerWriteOutcome } from '../../core/registry/engineer-store.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { engineerProblem } from '../engineer-checks.js'
import { EMPTY_ENGINEER, EngineerParamsSchema, EngineerPatchSchema, EngineerQuerySchema, EngineerSchema, NewEngineerSchema, engineerOf } from '../engineer-schemas.js'
import { badRequest, notFound } from '../problem.js'
import { alreadyExists, inUse } from '../registry-problems.js'
import { ListOf, ProblemSchema } from '../schemas.js'

export interface EngineerRoutesDeps {
  engineers: EngineerStore
  registry: RegistryStore
  tokens: ApiTokenStore
  now: () => number
}

/** Throws the problem a refused write is, naming the field; returns on 'ok'. */
function checkWritten(outcome: EngineerWriteOutcome, engineer: Engineer): void {
  if (outcome.outcome === 'exists') throw alreadyExists(`engineer ${engineer.id}`, `/api/v1/engineers/${engineer.id}`)
  if (outcome.outcome === 'not_found') throw notFound(`engineer ${engineer.id}`)
  if (outcome.outcome === 'no_site') {
    const index = engineer.sites.findIndex((site) => site.siteId === outcome.siteId)
    throw badRequest(`body.sites.${index}.siteId`, `site ${outcome.siteId} does not exist; register it first with POST /api/v1/sites`)
  }
}

const TAGS = ['engineers']

/** The engineering team: who works where, when, and on what. Admins change it; staff and services read it. */
export function engineerRoutes(app: FastifyInstance, deps: EngineerRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/engineers',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: TAGS,
        summary: 'List engineers',
        description:
          'By id. `?siteId=` keeps those working at the site; add `&availableFor=elevator` to keep only those who could take elevator work there now: on shift (read in the ' +
          "site's time zone), with the skill, and with a certificate valid today where the type legally needs one (elevator, fire_system).",
        querystring: EngineerQuerySchema,
        response: { 200: ListOf(EngineerSchema), 400: ProblemSchema, 401: ProblemSchema }
      }
    },
    async (request) => {
      const { siteId, availableFor } = request.query
      const engineers = await deps.engineers.list({ siteId })
      if (availableFor === undefined) return { items: engineers }
      if (siteId === undefined) throw badRequest('querystring.siteId', 'availableFor needs siteId: whether someone is on shift depends on the site and its time zone')
      const site = await deps.registry.getSite(siteId)
      if (site === undefined) throw badRequest('querystring.siteId', `site ${siteId} does not exist; GET /api/v1/sites lists them`)
      const work = { siteId, equipmentType: availableFor, atMs: deps.now(), timeZone: site.timezone }
      return { items: engineers.filter((engineer) => dispatchEligibility(engineer, work).eligible) }
    }
  )

  api.get(
    '/api/v1/engineers/:id',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: TAGS,
        summary: 'One engineer',
        description: 'Their skills, certificates with expiry dates, weekly shifts, and the sites they work at (and supervise).',
        params: EngineerParamsSchema,
        response: { 200: EngineerSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const engineer = await deps.engineers.get(request.params.id)
      if (engineer === undefined) throw notFound(`engineer ${request.params.id}`)
      return engineer
    }
  )

  api.post(
    '/api/v1/engineers',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Add an engineer to the team',
        description:
          'Every site listed must exist. Shifts are `HH:MM` in the local time of the site where the work is; an end at or before the start runs past midnight ' +
          '(`22:00`–`06:00` on Saturday covers Saturday night into Sunday morning). Certificates are for elevator and fire_system work, valid through their ' +
          'expiry date. Give the engineer an API token with `POST /api/v1/tokens` (role engineer, this engineerId).',
        body: NewEngineerSchema,
        response: { 201: EngineerSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const { id, ...fields } = request.body
      const engineer = engineerOf({ id, name: fields.name, ...EMPTY_ENGINEER }, fields)
      const problem = engineerProblem(engineer)
      if (problem !== undefined) throw problem
      checkWritten(await deps.engineers.create(engineer), engineer)
      return reply.code(201).send(engineer)
    }
  )

  api.patch(
    '/api/v1/engineers/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: TAGS,
        summary: "Change an engineer's details, certificates, shifts or sites",
        description: 'Each field sent replaces that field whole: to add a certificate, send the whole list with it. The id cannot change.',
        params: EngineerParamsSchema,
        body: EngineerPatchSchema,
        response: { 200: EngineerSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const current = await deps.engineers.get(request.params.id)
      if (current === undefined) throw notFound(`engineer ${request.params.id}`)
      const engineer = engineerOf(current, request.body)
      const problem = engineerProblem(engineer)
      if (problem !== undefined) throw problem
      checkWritten(await deps.engineers.replace(engineer), engineer)
      return engineer
    }
  )

  api.delete(
    '/api/v1/engineers/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Remove an engineer from the team',
        description:
          'Refused (409, naming them) while active work orders are assigned to the engineer: reassign or cancel them first. ' +
          "The engineer's API tokens are revoked with the record.",
        params: EngineerParamsSchema,
        response: { 204: Type.Null({ description: 'Removed; their tokens no longer work' }), 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const { id } = request.params
      const deleted = await deps.engineers.delete(id)
      if (deleted.outcome === 'not_found') throw notFound(`engineer ${id}`)
      if (deleted.outcome === 'in_use') throw inUse(`engineer ${id}`, deleted.dependents, 'reassign them (POST /api/v1/work-orders/{id}/assign) or cancel them first')
      await deps.tokens.revokeForEngineer(id)
      return reply.code(204).send(null)
    }
  )
}
