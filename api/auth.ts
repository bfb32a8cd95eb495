import type { FastifyInstance } from 'fastify'
import type { ApiPrincipal, ApiRole, ApiTokenStore } from '../core/auth/api-tokens.js'
import { PROBLEM_TYPES, sendProblem } from './problem.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on the route; a route without `roles` is public (health, docs). */
    roles?: readonly ApiRole[]
  }
  interface FastifyRequest {
    principal?: ApiPrincipal
  }
}

export const READ_ROLES: readonly ApiRole[] = ['admin', 'manager', 'engineer', 'service']

/** Bearer-token authentication and role checks, declared per route in `config.roles`. */
export function installAuth(app: FastifyInstance, tokens: ApiTokenStore): void {
  app.decorateRequest('principal', undefined)
  app.addHook('onRequest', async (request, reply) => {
    const roles = request.routeOptions.config.roles
    if (roles === undefined) return
    const header = request.headers.authorization ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const principal = match?.[1] === undefined ? undefined : await tokens.resolve(match[1])
    if (principal === undefined) {
      reply.header('www-authenticate', 'Bearer realm="vigil"')
      return sendProblem(reply, {
        type: PROBLEM_TYPES.unauthorized,
        title: 'Authentication required',
        status: 401,
        detail: match === null ? 'send an API token as Authorization: Bearer <token>' : 'the API token is not valid (unknown, revoked or expired)',
        instance: request.url
      })
    }
    if (!roles.includes(principal.role)) {
      return sendProblem(reply, {
        type: PROBLEM_TYPES.forbidden,
        title: 'Not allowed',
        status: 403,
        detail: `role ${principal.role} may not ${request.method} ${request.routeOptions.url ?? request.url}; allowed: ${roles.join(', ')}`,
        instance: request.url
      })
    }
    request.principal = principal
  })
}
