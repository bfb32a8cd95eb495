import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ApiPrincipal, ApiRole, ApiTokenStore } from '../../core/auth/api-tokens.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'
import { ApiTokenParamsSchema, ApiTokenRecordSchema, CreatedApiTokenSchema, NewApiTokenSchema } from '../api-token-schemas.js'
import { badRequest, notFound } from '../problem.js'
import { ListOf, ProblemSchema } from '../schemas.js'

const TAGS = ['tokens']
const ADMIN: readonly ApiRole[] = ['admin']

/** API tokens, for admins: issue one (shown once), list them without secrets, revoke one. */
export function apiTokenRoutes(app: FastifyInstance, deps: { tokens: ApiTokenStore; engineers: EngineerStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  /** The principal a new token speaks for; an engineer's token must name an engineer who exists. */
  async function principalOf(body: { name: string; role: ApiRole; engineerId?: string | undefined }): Promise<ApiPrincipal> {
    const { name, role, engineerId } = body
    if (role !== 'engineer') {
      if (engineerId !== undefined) throw badRequest('body.engineerId', `only role engineer tokens speak for an engineer; leave engineerId out for role ${role}`)
      return { name, role }
    }
    if (engineerId === undefined) throw badRequest('body.engineerId', 'a role engineer token must name its engineer: add engineerId (GET /api/v1/engineers lists them)')
    if ((await deps.engineers.get(engineerId)) === undefined) throw badRequest('body.engineerId', `engineer ${engineerId} does not exist; add them first with POST /api/v1/engineers`)
    return { name, role, engineerId }
  }

  api.post(
    '/api/v1/tokens',
    {
      config: { roles: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Issue an API token',
        description:
          'Roles: admin (everything), manager (runs the work), engineer (their own work orders; needs engineerId), requester (reports faults), ' +
          'service (a program such as the rules engine; never rate limited). The token is in this answer only (Cache-Control: no-store); Vigil keeps its SHA-256. ' +
          'Revoke it with `DELETE /api/v1/tokens/{record.id}`.',
        body: NewApiTokenSchema,
        response: { 201: CreatedApiTokenSchema, 400: ProblemSchema }
      }
    },
    async (request, reply) => {
      const principal = await principalOf(request.body)
      const created = await deps.tokens.create(principal, { ttlSeconds: request.body.ttlSeconds, createdBy: request.principal?.name })
      reply.header('cache-control', 'no-store')
      return reply.code(201).send(created)
    }
  )

  api.get(
    '/api/v1/tokens',
    {
      config: { roles: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'List API tokens',
        description: 'Every token not expired or revoked, oldest first, without its secret (which is not stored).',
        response: { 200: ListOf(ApiTokenRecordSchema) }
      }
    },
    async () => ({ items: await deps.tokens.list() })
  )

  api.delete(
    '/api/v1/tokens/:id',
    {
      config: { roles: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Revoke an API token',
        description: 'The token stops working with the next request. `id` is the `tok_…` id from the list, not the token itself.',
        params: ApiTokenParamsSchema,
        response: { 204: Type.Null({ description: 'Revoked' }), 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      if (!(await deps.tokens.revoke(request.params.id))) throw notFound(`API token ${request.params.id}`)
      return reply.code(204).send(null)
    }
  )
}
