import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { apiTokenId } from '../../core/auth/api-tokens.js'
import type { NotificationPreferenceStore } from '../../core/notifications/notification-preference-store.js'
import { STREAM_CHANNEL } from '../../core/notifications/notification-preferences.js'
import type { WebhookStore } from '../../core/notifications/webhook-store.js'
import { PreferencesBody, PreferencesSchema } from '../notifications/notification-schemas.js'
import { badRequest } from '../problem.js'
import { ProblemSchema } from '../schemas.js'

const ROLES = ['admin', 'manager', 'engineer'] as const

/** Whose preferences a request speaks for: an engineer's are theirs across tokens; anyone else's belong to the token. */
export function preferenceOwner(request: FastifyRequest): string {
  const engineerId = request.principal?.engineerId
  if (engineerId !== undefined) return engineerId
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? ''
  return apiTokenId(token)
}

/** Each person's choice of which severities and channels reach them. */
export function notificationPreferenceRoutes(app: FastifyInstance, deps: { preferences: NotificationPreferenceStore; webhooks: WebhookStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/me/notification-preferences',
    {
      config: { roles: ROLES },
      schema: { tags: ['notifications'], summary: 'Your notification preferences', description: 'Until you set them: every severity, on the live stream only.', response: { 200: PreferencesSchema } }
    },
    async (request) => {
      const ownerId = preferenceOwner(request)
      return { ownerId, ...(await deps.preferences.get(ownerId)) }
    }
  )

  api.put(
    '/api/v1/me/notification-preferences',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Choose which severities and channels reach you',
        description:
          '`channels`: `stream` shows you matching events on GET /api/v1/events; a webhook id has that webhook name you in events that concern you (your alerts, your work, your escalations, your reminders) — DingTalk @-mentions your phone. ' +
          'Engineers are keyed by engineer id, anyone else by token.',
        body: PreferencesBody,
        response: { 200: PreferencesSchema, 400: ProblemSchema }
      }
    },
    async (request) => {
      const known = new Set((await deps.webhooks.list()).map((endpoint) => endpoint.id))
      request.body.channels.forEach((channel, i) => {
        if (channel !== STREAM_CHANNEL && !known.has(channel)) throw badRequest(`body.channels/${i}`, `${channel} is neither "${STREAM_CHANNEL}" nor a webhook id; GET /api/v1/webhooks lists them`)
      })
      const ownerId = preferenceOwner(request)
      await deps.preferences.put(ownerId, request.body)
      return { ownerId, ...(await deps.preferences.get(ownerId)) }
    }
  )
}
