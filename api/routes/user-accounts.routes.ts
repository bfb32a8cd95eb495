import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { API_ROLES, apiTokenId } from '../../core/auth/api-tokens.js'
import type { ApiRole, ApiTokenStore } from '../../core/auth/api-tokens.js'
import { SignInThrottle } from '../../core/auth/sign-in-throttle.js'
import type { SignInLimits } from '../../core/auth/sign-in-throttle.js'
import { UserAccountStore, newAccountProblem } from '../../core/auth/user-accounts.js'
import { UserSessions } from '../../core/auth/user-sessions.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'
import { PROBLEM_TYPES, ProblemError, badRequest, notFound } from '../problem.js'
import { ListOf, ProblemSchema } from '../schemas.js'
import { NewPasswordSchema, NewUserAccountSchema, SessionSchema, SignInSchema, UserAccountChangeSchema, UserAccountSchema, UsernameParamsSchema } from '../user-account-schemas.js'

const ADMIN: readonly ApiRole[] = ['admin']
const EVERY_ROLE: readonly ApiRole[] = API_ROLES

/** One answer for an unknown username and a wrong password: which one it was is not told. */
const signInFailed = (): ProblemError => new ProblemError({ type: PROBLEM_TYPES.unauthorized, title: 'Sign-in failed', status: 401, detail: 'the username or password is not right' })

export interface UserAccountRouteDeps {
  redis: Redis
  keys: RedisKeys
  tokens: ApiTokenStore
  engineers: EngineerStore
  /** Default: 10 attempts per username and address per 15 minutes. */
  signInLimits?: SignInLimits
  now?: () => number
}

/**
 * Sign-in with a username and password (it issues an ordinary API token that expires), sign-out,
 * and the accounts themselves, which admins keep.
 */
export function userAccountRoutes(app: FastifyInstance, deps: UserAccountRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const accounts = new UserAccountStore(deps.redis, deps.keys, deps.now)
  const sessions = new UserSessions(deps.redis, deps.keys, deps.tokens)
  const throttle = new SignInThrottle(deps.redis, deps.keys, deps.signInLimits)

  api.post(
    '/api/v1/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with a username and password',
        description:
          'Answers an API token for the account (its role; an engineer account speaks for its engineer) that expires after 12 hours, ' +
          'shown this once (Cache-Control: no-store). A wrong password and an unknown username get the same 401. ' +
          'After 10 failed attempts for one username from one address the answer is 429 with Retry-After for 15 minutes.',
        security: [],
        body: SignInSchema,
        response: { 201: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema }
      }
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const username = request.body.username.trim().toLowerCase()
      const verdict = await throttle.take(username, request.ip)
      if (!verdict.allowed) {
        const seconds = Math.ceil(verdict.retryAfterMs / 1000)
        reply.header('retry-after', String(seconds))
        throw new ProblemError({ type: PROBLEM_TYPES.tooManyRequests, title: 'Too many requests', status: 429, detail: `too many failed sign-ins for this username from this address; try again in ${seconds} s (Retry-After)` })
      }
      const account = await accounts.verify(username, request.body.password)
      if (account === undefined) throw signInFailed()
      await throttle.succeeded(username, request.ip)
      // The password was right, so saying why the account cannot sign in tells nothing to a guesser.
      if (account.engineerId !== undefined && (await deps.engineers.get(account.engineerId)) === undefined) {
        throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: `the account speaks for engineer ${account.engineerId}, who is no longer in the registry; ask an administrator` })
      }
      return reply.code(201).send(await sessions.start(account))
    }
  )

  api.delete(
    '/api/v1/sessions/current',
    {
      config: { roles: EVERY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out',
        description: 'Revokes the token of this request at once, whichever way it was made (sign-in or POST /api/v1/tokens).',
        response: { 204: Type.Null({ description: 'Signed out' }) }
      }
    },
    async (request, reply) => {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
      if (token !== undefined) await deps.tokens.revoke(apiTokenId(token))
      return reply.code(204).send(null)
    }
  )

  api.post(
    '/api/v1/users',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Create a user account',
        description:
          'A person who signs in with a username and password (POST /api/v1/sessions). Roles: admin, manager, engineer (needs engineerId, an engineer who exists), requester. ' +
          'The password is kept only as a salted scrypt hash and never shown again.',
        body: NewUserAccountSchema,
        response: { 201: UserAccountSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const account = { ...request.body, createdBy: request.principal?.name }
      const problem = await newAccountProblem(account, async (id) => (await deps.engineers.get(id)) !== undefined)
      if (problem !== undefined) throw badRequest(`body.${problem.field}`, problem.message)
      const created = await accounts.create(account)
      if (created.outcome === 'exists') throw new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Already exists', status: 409, detail: `user ${account.username} already exists` })
      return reply.code(201).send(created.account)
    }
  )

  api.get(
    '/api/v1/users',
    {
      config: { roles: ADMIN },
      schema: { tags: ['users'], summary: 'List user accounts', description: 'Every account by username, without passwords or their hashes.', response: { 200: ListOf(UserAccountSchema) } }
    },
    async () => ({ items: await accounts.list() })
  )

  api.patch(
    '/api/v1/users/:username',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Disable or enable a user account',
        description: 'A disabled account keeps its record but may not sign in; disabling it ends its sessions at once.',
        params: UsernameParamsSchema,
        body: UserAccountChangeSchema,
        response: { 200: UserAccountSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const account = await accounts.setDisabled(request.params.username, request.body.disabled)
      if (account === undefined) throw notFound(`user ${request.params.username}`)
      if (request.body.disabled) await sessions.endAll(request.params.username)
      return account
    }
  )

  api.delete(
    '/api/v1/users/:username',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Delete a user account',
        description: 'The account can no longer sign in, and the tokens its sign-ins issued stop working at once.',
        params: UsernameParamsSchema,
        response: { 204: Type.Null({ description: 'Deleted' }), 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      if (!(await accounts.delete(request.params.username))) throw notFound(`user ${request.params.username}`)
      await sessions.endAll(request.params.username)
      return reply.code(204).send(null)
    }
  )

  api.put(
    '/api/v1/users/:username/password',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['users'],
        summary: "Set a user's password",
        description: "Replaces the password; the account's current sessions end, so it signs in again with the new one.",
        params: UsernameParamsSchema,
        body: NewPasswordSchema,
        response: { 204: Type.Null({ description: 'Changed' }), 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      if (!(await accounts.setPassword(request.params.username, request.body.password))) throw notFound(`user ${request.params.username}`)
      await sessions.endAll(request.params.username)
      return reply.code(204).send(null)
    }
  )
}
