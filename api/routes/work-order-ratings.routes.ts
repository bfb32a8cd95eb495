import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { WorkOrder } from '../../core/domain/work-order.js'
import { PROBLEM_TYPES, ProblemError, notFound } from '../problem.js'
import { ProblemSchema } from '../schemas.js'
import type { RatingLinks } from '../work-orders/rating-links.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'
import { sendPage } from '../occupant-html.js'
import { pageLanguage } from '../occupant-language.js'
import { ratingPage } from '../rating-page.js'

export interface RatingRouteDeps {
  ratings: RatingLinks
  workOrders: WorkOrderRepository
  /** Where people reach Vigil (PUBLIC_BASE_URL); unset: the address the request came to. */
  publicBaseUrl?: string | undefined
}

const Token = Type.String({ pattern: '^rt_[A-Za-z0-9_-]{32}$', description: 'The token of a rating link', examples: ['rt_V2hhdCBhIG5pY2UgZml4IHRoYXQgd2FzIQ12'] })
/** Rating links: staff issue one per finished work order; the owner or requester rates once, without an account. */
export function workOrderRatingRoutes(app: FastifyInstance, deps: RatingRouteDeps): void {
  const baseUrl = (request: FastifyRequest): string => deps.publicBaseUrl ?? `${request.protocol}://${request.host}`

  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.post(
    '/api/v1/work-orders/:id/rating-link',
    {
      config: { roles: ['admin', 'manager', 'requester'] },
      schema: {
        tags: ['work orders'],
        summary: 'Issue a one-time rating link for resolved or closed work',
        description:
          'Returns a link (valid 48 hours by default, RATING_LINK_TTL) to hand to the owner or requester: it opens a page where they rate the work 1–5 with a comment, once, without an account. ' +
          'A requester may ask for a link only for work they opened. Issuing another link does not revoke the first; the first rating spends every link of the work order.',
        params: Type.Object({ id: Type.String({ pattern: '^WO-\\d{6,}$', examples: ['WO-000042'] }) }),
        response: {
          201: Type.Object({ url: Type.String({ examples: ['https://vigil.example.com/rate/rt_V2hhdCBhIG5pY2UgZml4IHRoYXQgd2FzIQ12'] }), token: Token, expiresAt: Type.String({ format: 'date-time' }) }),
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema
        }
      }
    },
    async (request, reply) => {
      const principal = request.principal
      const workOrder = await deps.workOrders.get(request.params.id)
      if (workOrder === undefined) throw notFound(`work order ${request.params.id}`)
      if (principal?.role === 'requester' && workOrder.createdBy !== principal.name) {
        throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: `a requester may ask for a rating link only for work they opened; work order ${workOrder.id} was opened by someone else` })
      }
      if (workOrder.rating !== undefined) throw conflict(`work order ${workOrder.id} was rated already (${workOrder.rating.score}/5)`)
      if (workOrder.status !== 'resolved' && workOrder.status !== 'closed') throw conflict(`work order ${workOrder.id} is ${workOrder.status}; a rating link is issued once it is resolved or closed`)
      const link = await deps.ratings.issue(workOrder.id)
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ url: `${baseUrl(request)}/rate/${link.token}`, token: link.token, expiresAt: link.expiresAt })
    }
  )


  api.get(
    '/rate/:token',
    {
      schema: {
        tags: ['ratings (public)'],
        summary: 'The rating page of a rating link (HTML)',
        security: [],
        description: 'Answers text/html: the form, or 410 when the link is unknown, used or expired. In Chinese (zh-CN) for a browser that asks for any Chinese (Accept-Language), otherwise English; `?lang=zh-CN` or `?lang=en` overrides it, and the form posts it on.',
        params: Type.Object({ token: Type.String({ maxLength: 100, examples: ['rt_V2hhdCBhIG5pY2UgZml4IHRoYXQgd2FzIQ12'] }) })
      }
    },
    async (request, reply) => {
      const workOrder = await deps.ratings.lookup(request.params.token)
      const lang = pageLanguage(request.url, request.headers['accept-language'])
      return sendPage(reply, workOrder === undefined ? 410 : 200, ratingPage(workOrder === undefined ? { state: 'gone' } : { state: 'form', workOrder: publicSummary(workOrder), token: request.params.token }, lang))
    }
  )

  api.post(
    '/rate/:token',
    {
      schema: {
        tags: ['ratings (public)'],
        summary: 'Rate the work through a rating link',
        security: [],
        description: 'Public: the link is the credential. Send JSON (answered in JSON) or the page\'s form (answered with a page). A link works once and expires (410 Gone).',
        params: Type.Object({ token: Type.String({ maxLength: 100, examples: ['rt_V2hhdCBhIG5pY2UgZml4IHRoYXQgd2FzIQ12'] }) }),
        body: Type.Object(
          { score: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.String({ pattern: '^[1-5]$' })], { examples: [4] }), comment: Type.Optional(Type.String({ maxLength: 2000, examples: ['Quick and tidy'] })) },
          { additionalProperties: false }
        ),
        response: { 200: Type.Any(), 400: ProblemSchema, 409: ProblemSchema, 410: Type.Any() }
      }
    },
    async (request, reply) => {
      const fromForm = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') === true
      const lang = pageLanguage(request.url, request.headers['accept-language'])
      const score = Number(request.body.score)
      const rated = await deps.ratings.rate(request.params.token, score, (request.body.comment ?? '').trim())
      if (rated.outcome === 'rated') {
        return fromForm ? sendPage(reply, 200, ratingPage({ state: 'thanks', score }, lang)) : reply.code(200).send({ workOrderId: rated.workOrder.id, rating: rated.workOrder.rating })
      }
      if (rated.outcome === 'not_ratable') throw conflict(`this work is ${rated.status}; it can be rated once it is resolved`)
      if (fromForm) return sendPage(reply, 410, ratingPage({ state: 'gone' }, lang))
      throw new ProblemError({ type: PROBLEM_TYPES.notFound, title: 'Rating link not valid', status: 410, detail: 'this rating link is unknown, was used already, or has expired; ask the engineering team for a new one' })
    }
  )
}

/** What the public page may show about the work: no names, notes or internal ids beyond the number. */
function publicSummary(workOrder: WorkOrder): { id: string; title: string } {
  return { id: workOrder.id, title: workOrder.title }
}

function conflict(detail: string): ProblemError {
  return new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Not possible now', status: 409, detail })
}
