import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AlertEventLog } from '../../core/alerts/alert-event-log.js'
import type { AlertChange, AlertStore } from '../../core/alerts/alert-store.js'
import { ALERT_STATUSES, alertEvent } from '../../core/domain/alert.js'
import type { Alert } from '../../core/domain/alert.js'
import { STREAM_ID_PATTERN } from '../alert-event-stream.js'
import type { AlertEventStreams } from '../alert-event-stream.js'
import { READ_ROLES } from '../auth.js'
import { PROBLEM_TYPES, ProblemError, badRequest, notFound } from '../problem.js'
import { AlertSchema, Id, ListOf, ProblemSchema } from '../schemas.js'

export interface AlertRouteDeps {
  alerts: AlertStore
  events: AlertEventLog
  streams: AlertEventStreams
  now: () => number
}

const ACT_ROLES = ['admin', 'manager', 'engineer'] as const
const AlertIdParams = Type.Object({ id: Type.String({ maxLength: 100, examples: ['al_mio3k2x0a1b2c3d4'] }) })

export function alertRoutes(app: FastifyInstance, deps: AlertRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/alerts',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['alerts'],
        summary: 'List alerts, newest first',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ALERT_STATUSES.map((s) => Type.Literal(s)))),
            equipmentId: Type.Optional(Id),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
          },
          { additionalProperties: false }
        ),
        response: { 200: ListOf(AlertSchema), 400: ProblemSchema }
      }
    },
    async (request) => ({ items: await deps.alerts.list(request.query) })
  )

  api.get(
    '/api/v1/alerts/events',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['alerts'],
        summary: 'Live stream of alert events (Server-Sent Events)',
        description:
          'text/event-stream of `event: alert` messages whose data is an alert event (opened, reopened, flapping, muted, unmuted, acknowledged, resolved, closed). ' +
          'Each message id is its position in the log: reconnect with Last-Event-ID (or ?after=) to get what was missed. Without either, only new events.',
        querystring: Type.Object({ after: Type.Optional(Type.String({ pattern: STREAM_ID_PATTERN.source })) }, { additionalProperties: false }),
        response: { 400: ProblemSchema }
      }
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id']
      if (typeof lastEventId === 'string' && !STREAM_ID_PATTERN.test(lastEventId)) throw badRequest('headers.last-event-id', 'must be an event id such as 1764489600000-0')
      const after = (typeof lastEventId === 'string' ? lastEventId : undefined) ?? request.query.after ?? '$'
      reply.hijack()
      await deps.streams.serve(reply.raw, after)
    }
  )

  api.get(
    '/api/v1/alerts/:id',
    {
      config: { roles: READ_ROLES },
      schema: { tags: ['alerts'], summary: 'One alert', params: AlertIdParams, response: { 200: AlertSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const alert = await deps.alerts.get(request.params.id)
      if (alert === undefined) throw notFound(`alert ${request.params.id}`)
      return alert
    }
  )

  api.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      config: { roles: ACT_ROLES },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an open alert: someone is on it',
        description: 'open → acknowledged. The alert still resolves by itself once its condition has stayed clear for the hold time.',
        params: AlertIdParams,
        response: { 200: AlertSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const by = request.principal?.name ?? 'unknown'
      const alert = settled(await deps.alerts.acknowledge(request.params.id, by, new Date(deps.now()).toISOString()), request.params.id, 'acknowledge', 'open')
      await deps.events.record(alertEvent(alert, 'acknowledged', alert.acknowledgedAt ?? '', `acknowledged by ${by}`, by))
      return alert
    }
  )

  api.post(
    '/api/v1/alerts/:id/close',
    {
      config: { roles: ACT_ROLES },
      schema: {
        tags: ['alerts'],
        summary: 'Close a resolved alert: nothing more to do',
        description: 'resolved → closed. A condition that comes back within the cooldown reopens it.',
        params: AlertIdParams,
        response: { 200: AlertSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const by = request.principal?.name ?? 'unknown'
      const alert = settled(await deps.alerts.close(request.params.id, by, new Date(deps.now()).toISOString()), request.params.id, 'close', 'resolved')
      await deps.events.record(alertEvent(alert, 'closed', alert.closedAt ?? '', `closed by ${by}`, by))
      return alert
    }
  )
}

function settled(change: AlertChange, id: string, action: string, from: string): Alert {
  if (change.ok) return change.alert
  if (change.reason === 'not_found') throw notFound(`alert ${id}`)
  throw new ProblemError({
    type: PROBLEM_TYPES.conflict,
    title: 'The alert is not in a state that allows this',
    status: 409,
    detail: `cannot ${action} alert ${id}: it is ${change.status ?? 'in another state'}; only an alert that is ${from} can be`
  })
}
