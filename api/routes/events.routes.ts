import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { NotificationPreferenceStore } from '../../core/notifications/notification-preference-store.js'
import { LIVE_CURSOR_PATTERN, parseLiveCursor } from '../notifications/live-event-cursor.js'
import type { LiveEventStreams } from '../notifications/live-event-streams.js'
import { READ_ROLES } from '../auth.js'
import { badRequest } from '../problem.js'
import { ProblemSchema } from '../schemas.js'
import { preferenceOwner } from './notification-preferences.routes.js'

/** The live stream of everything a caller may see: alert events and work-order changes. */
export function eventRoutes(app: FastifyInstance, deps: { streams: LiveEventStreams; preferences: NotificationPreferenceStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/events',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Live stream of alert events and work-order changes (Server-Sent Events)',
        description:
          'text/event-stream of `event: alert` (data: an alert event) and `event: work_order` (data: {workOrderId, siteId, equipmentId, action, from, to, at, by, priority, assigneeId, responsibleEngineerId, title}) messages, ' +
          'filtered for the caller: engineers see every alert but only changes of their own and unassigned work orders; managers, admins and the service account see everything; requesters are refused. ' +
          'Your notification preferences apply (severities; the `stream` channel). Each message id is a position in both streams: reconnect with Last-Event-ID (or ?after=) to get exactly what was missed. Without either, only new events.',
        querystring: Type.Object({ after: Type.Optional(Type.String({ pattern: LIVE_CURSOR_PATTERN.source, examples: ['1764489600000-0_1764489600123-0'] })) }, { additionalProperties: false }),
        response: { 400: ProblemSchema }
      }
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id']
      let from = request.query.after === undefined ? undefined : parseLiveCursor(request.query.after)
      if (typeof lastEventId === 'string') {
        from = parseLiveCursor(lastEventId)
        if (from === undefined) throw badRequest('headers.last-event-id', 'must be an event id of this stream, such as 1764489600000-0_1764489600123-0')
      }
      const principal = request.principal ?? { role: 'requester' as const }
      const preferences = await deps.preferences.get(preferenceOwner(request))
      const start = from ?? (await deps.streams.latest())
      reply.hijack()
      await deps.streams.serve(reply.raw, { principal, preferences }, start)
    }
  )
}
