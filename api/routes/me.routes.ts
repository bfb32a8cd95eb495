import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { API_ROLES } from '../../core/auth/api-tokens.js'
import type { ApiRole } from '../../core/auth/api-tokens.js'

const EVERY_ROLE: readonly ApiRole[] = API_ROLES

export const PrincipalSchema = Type.Object(
  {
    name: Type.String({ examples: ['mei (manager)'] }),
    role: Type.Union(API_ROLES.map((role) => Type.Literal(role))),
    engineerId: Type.Optional(Type.String({ examples: ['eng-li'] }))
  },
  { additionalProperties: false }
)

/** Who the caller's token speaks for: the web app decides from it what to show. */
export function meRoutes(app: FastifyInstance): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/me',
    {
      config: { roles: EVERY_ROLE },
      schema: {
        tags: ['tokens'],
        summary: 'Who this token speaks for',
        description: 'The name, role and (for an engineer) engineer id of the bearer token. Any valid token may ask.',
        response: { 200: PrincipalSchema }
      }
    },
    (request) => {
      const { name, role, engineerId } = request.principal ?? { name: '', role: 'requester' as const }
      return engineerId === undefined ? { name, role } : { name, role, engineerId }
    }
  )
}
