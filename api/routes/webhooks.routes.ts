import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ALERT_SEVERITIES } from '../../core/domain/alert.js'
import type { DeliveryLog } from '../../core/notifications/delivery-log.js'
import { NOTIFICATION_KINDS } from '../../core/notifications/notification-event.js'
import { publicEndpoint } from '../../core/notifications/webhook-endpoint.js'
import type { WebhookStore, WebhookDraft } from '../../core/notifications/webhook-store.js'
import { DeliveryAttemptSchema, WebhookBody, WebhookId, WebhookSchema } from '../notifications/notification-schemas.js'
import type { WebhookSender } from '../notifications/webhook-sender.js'
import { badRequest, notFound } from '../problem.js'
import { ListOf, ProblemSchema } from '../schemas.js'

export interface WebhookRouteDeps {
  webhooks: WebhookStore
  deliveries: DeliveryLog
  sender: WebhookSender
  now: () => number
}

const ROLES = ['admin', 'manager'] as const
const Params = Type.Object({ id: WebhookId })

/** Outgoing webhooks: where events go, in which format, and what became of each delivery. */
export function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const find = async (id: string) => {
    const endpoint = await deps.webhooks.get(id)
    if (endpoint === undefined) throw notFound(`webhook ${id}`)
    return endpoint
  }

  api.get(
    '/api/v1/webhooks',
    { config: { roles: ROLES }, schema: { tags: ['notifications'], summary: 'List webhooks', description: 'Without their secrets.', response: { 200: ListOf(WebhookSchema) } } },
    async () => ({ items: (await deps.webhooks.list()).map(publicEndpoint) })
  )

  api.post(
    '/api/v1/webhooks',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Add a webhook',
        description:
          'Events matching `filter` are POSTed to `url` in `format`: `json` (signed: X-Vigil-Signature `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`), ' +
          '`dingtalk` (robot markdown, signed with timestamp and sign query parameters when a secret is given), `wecom` (group robot markdown) or `slack` (incoming webhook). ' +
          'Each delivery is retried with exponential backoff; every attempt is in GET /api/v1/webhooks/{id}/deliveries. A json webhook without a secret gets one, shown in this answer only.',
        body: WebhookBody,
        response: { 201: WebhookSchema, 400: ProblemSchema }
      }
    },
    async (request, reply) => {
      const draft = webhookDraft(request.body)
      const made = draft.secret === undefined && draft.format === 'json' ? `whsec_${randomBytes(24).toString('base64url')}` : undefined
      const endpoint = await deps.webhooks.create({ ...draft, secret: draft.secret ?? made })
      reply.code(201)
      return { ...publicEndpoint(endpoint), ...(made === undefined ? {} : { secret: made }) }
    }
  )

  api.get(
    '/api/v1/webhooks/:id',
    { config: { roles: ROLES }, schema: { tags: ['notifications'], summary: 'One webhook', params: Params, response: { 200: WebhookSchema, 404: ProblemSchema } } },
    async (request) => publicEndpoint(await find(request.params.id))
  )

  api.put(
    '/api/v1/webhooks/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Change a webhook',
        description: 'Replaces name, format, url and filter; the secret stays unless a new one is given.',
        params: Params,
        body: WebhookBody,
        response: { 200: WebhookSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const updated = await deps.webhooks.update(request.params.id, webhookDraft(request.body))
      if (updated === undefined) throw notFound(`webhook ${request.params.id}`)
      return publicEndpoint(updated)
    }
  )

  api.delete(
    '/api/v1/webhooks/:id',
    { config: { roles: ROLES }, schema: { tags: ['notifications'], summary: 'Remove a webhook', description: 'With its delivery log; deliveries still queued are dropped.', params: Params, response: { 204: Type.Null(), 404: ProblemSchema } } },
    async (request, reply) => {
      if (!(await deps.webhooks.delete(request.params.id))) throw notFound(`webhook ${request.params.id}`)
      return reply.code(204).send(null)
    }
  )

  api.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['notifications'],
        summary: "A webhook's delivery log, newest first",
        description: 'Every attempt: delivered (2xx, and no robot errcode), retrying (another attempt is queued) or failed (the last one), with the status code or error.',
        params: Params,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
        response: { 200: ListOf(DeliveryAttemptSchema), 404: ProblemSchema }
      }
    },
    async (request) => {
      await find(request.params.id)
      return { items: await deps.deliveries.recent(request.params.id, request.query.limit ?? 100) }
    }
  )

  api.post(
    '/api/v1/webhooks/:id/test',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Send a test message now',
        description: 'One attempt, no retry, answered with its outcome (also in the delivery log): check a URL and secret before real events depend on them.',
        params: Params,
        response: { 200: DeliveryAttemptSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const endpoint = await find(request.params.id)
      const at = new Date(deps.now()).toISOString()
      const id = `test-${randomBytes(6).toString('hex')}`
      const event = {
        kind: 'reminder' as const,
        id,
        reminder: { at, siteId: endpoint.filter.sites[0] ?? 'any', severity: 'info' as const, title: 'Vigil test message', text: `sent by ${request.principal?.name ?? 'unknown'} to check webhook ${endpoint.name}`, subject: { kind: 'alert' as const, id }, rung: 'assignee' as const, reminder: 1, recipientIds: [] }
      }
      return deps.sender.send(endpoint, event, [], { deliveryId: id, attempt: 1, lastAttempt: true })
    }
  )
}

/** The body as a draft, with the filter's defaults; a URL that is not http(s) is a 400 naming body.url. */
function webhookDraft(body: Static<typeof WebhookBody>): WebhookDraft {
  let url: URL
  try {
    url = new URL(body.url)
  } catch {
    throw badRequest('body.url', 'must be an absolute URL such as https://example.com/hooks/vigil')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badRequest('body.url', `must be http or https, not ${url.protocol.replace(':', '')}`)
  return {
    name: body.name,
    format: body.format,
    url: url.toString(),
    secret: body.secret,
    filter: { sites: body.filter?.sites ?? [], kinds: body.filter?.kinds ?? [...NOTIFICATION_KINDS], minSeverity: body.filter?.minSeverity ?? ALERT_SEVERITIES[0] }
  }
}
