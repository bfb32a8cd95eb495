import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DeadLetterStore } from '../../core/dead-letters/dead-letter-store.js'
import { replayDeadLetter } from '../../core/dead-letters/replay-dead-letter.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import { DeviceDirectory } from '../../core/registry/device-directory.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import type { DecodeLimits } from '../../core/telemetry/decode-telemetry.js'
import { PROBLEM_TYPES, ProblemError, notFound } from '../problem.js'
import { DeadLetterSchema, ListOf, ProblemSchema } from '../schemas.js'

const OPERATORS = ['admin', 'manager'] as const
const StreamId = Type.String({ pattern: '^\\d+-\\d+$', description: 'Dead-letter id (Redis stream id)', examples: ['1764489600000-0'] })

export interface DeadLetterRouteDeps {
  deadLetters: DeadLetterStore
  registry: RegistryStore
  influx: InfluxStore
  limits: DecodeLimits
  now: () => number
}

export function deadLetterRoutes(app: FastifyInstance, deps: DeadLetterRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/dead-letters',
    {
      config: { roles: OPERATORS },
      schema: {
        tags: ['dead letters'],
        summary: 'Messages ingest refused, newest first',
        querystring: Type.Object(
          { reason: Type.Optional(Type.String({ pattern: '^[a-z_]+$' })), before: Type.Optional(StreamId), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false }
        ),
        response: { 200: ListOf(DeadLetterSchema), 400: ProblemSchema }
      }
    },
    async (request) => ({ items: await deps.deadLetters.list({ count: request.query.limit, before: request.query.before, reason: request.query.reason }) })
  )

  api.get(
    '/api/v1/dead-letters/counts',
    {
      config: { roles: OPERATORS },
      schema: { tags: ['dead letters'], summary: 'Dead letters ever recorded, by reason (and how many were replayed)', response: { 200: Type.Record(Type.String(), Type.Integer()) } }
    },
    async () => deps.deadLetters.counts()
  )

  api.get(
    '/api/v1/dead-letters/:id',
    {
      config: { roles: OPERATORS },
      schema: { tags: ['dead letters'], summary: 'One dead letter', params: Type.Object({ id: StreamId }), response: { 200: DeadLetterSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const letter = await deps.deadLetters.get(request.params.id)
      if (letter === undefined) throw notFound(`dead letter ${request.params.id}`)
      return letter
    }
  )

  api.post(
    '/api/v1/dead-letters/:id/replay',
    {
      config: { roles: OPERATORS },
      schema: {
        tags: ['dead letters'],
        summary: 'Run a dead letter through ingest again, after a fix',
        description:
          'Stores it if it now passes every check (the device is registered, the clock or a field type fixed) and removes it from the dead letters. ' +
          'A refusal is a 422 naming the reason; the letter stays. Publishes refused by the broker (not_authorized) are never replayed.',
        params: Type.Object({ id: StreamId }),
        response: { 200: Type.Object({ id: Type.String(), outcome: Type.Literal('stored'), points: Type.Integer() }), 404: ProblemSchema, 422: ProblemSchema }
      }
    },
    async (request) => {
      const letter = await deps.deadLetters.get(request.params.id)
      if (letter === undefined) throw notFound(`dead letter ${request.params.id}`)
      const result = await replayDeadLetter(letter, { directory: new DeviceDirectory(deps.registry), influx: deps.influx, limits: deps.limits, now: deps.now })
      if (result.outcome === 'refused') {
        throw new ProblemError({ type: PROBLEM_TYPES.unprocessable, title: 'Still refused', status: 422, detail: `${result.reason}: ${result.detail}` })
      }
      await deps.deadLetters.markReplayed(letter.id)
      return { id: letter.id, outcome: result.outcome, points: result.points }
    }
  )
}
