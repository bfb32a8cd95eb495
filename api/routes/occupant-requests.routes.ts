import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { FEEDBACK_KINDS } from '../../core/occupant/occupant-request.js'
import type { FeedbackKind, OccupantRequest } from '../../core/occupant/occupant-request.js'
import type { OccupantRequestCount, OccupantRequestStore } from '../../core/occupant/occupant-request-store.js'
import type { PhotoStore } from '../../core/photos/photo-store.js'
import { FeedbackAnswerBody, FeedbackCountsSchema, FeedbackListQuery, OccupantRequestId, OccupantRequestListQuery, OccupantRequestSchema } from '../occupant-schemas.js'
import { photoResponse } from '../photos/photo-response.js'
import { PROBLEM_TYPES, ProblemError, notFound } from '../problem.js'
import { ListOf, ProblemSchema } from '../schemas.js'

export interface OccupantRequestRouteDeps {
  requests: OccupantRequestStore
  photos: PhotoStore
  now: () => number
}

/** Occupants' requests carry their contact details: managers and admins only. */
const STAFF = ['admin', 'manager'] as const

/** What occupants sent from the QR pages, for managers: every request, and the feedback to answer and count. */
export function occupantRequestRoutes(app: FastifyInstance, deps: OccupantRequestRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const existing = async (id: string): Promise<OccupantRequest> => {
    const request = await deps.requests.get(id)
    if (request === undefined) throw notFound(`occupant request ${id}`)
    return request
  }

  api.get(
    '/api/v1/requests',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['occupant requests'],
        summary: "Occupants' requests from the QR pages, newest first",
        description: 'Faults (with the work order each became), complaints and suggestions. Filter by kind, status, site or equipment.',
        querystring: OccupantRequestListQuery,
        response: { 200: ListOf(OccupantRequestSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const { kind, limit, ...filter } = request.query
      return { items: await deps.requests.list({ ...filter, kinds: kind === undefined ? undefined : [kind], limit: limit ?? 100 }) }
    }
  )

  api.get(
    '/api/v1/requests/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['occupant requests'],
        summary: "One occupant's request",
        description: 'The work order an occupant\'s fault became links here from its description.',
        params: Type.Object({ id: OccupantRequestId }),
        response: { 200: OccupantRequestSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => existing(request.params.id)
  )

  api.get(
    '/api/v1/requests/:id/photo',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['occupant requests'],
        summary: 'The photo an occupant sent with a request',
        params: Type.Object({ id: OccupantRequestId }),
        response: { 200: { description: 'The image', content: { 'image/jpeg': { schema: { type: 'string' } } } }, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      const occupantRequest = await existing(request.params.id)
      if (occupantRequest.photo === undefined) throw notFound(`a photo of occupant request ${occupantRequest.id}`)
      return photoResponse(reply, deps.photos, occupantRequest.photo.id)
    }
  )

  api.get(
    '/api/v1/feedback',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['occupant requests'],
        summary: 'Complaints and suggestions, newest first',
        description: 'Occupants\' messages that are not repair work. status=open lists those still to answer.',
        querystring: FeedbackListQuery,
        response: { 200: ListOf(OccupantRequestSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const { kind, limit, ...filter } = request.query
      return { items: await deps.requests.list({ ...filter, kinds: kind === undefined ? FEEDBACK_KINDS : [kind], limit: limit ?? 100 }) }
    }
  )

  api.post(
    '/api/v1/feedback/:id/answer',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['occupant requests'],
        summary: 'Answer a complaint or suggestion',
        description: 'The answer is shown on the occupant\'s follow page and the status becomes answered. Answering again replaces the answer. `adopted: true` marks a suggestion staff took up (the scorecards count it). A fault is answered by its repair: 409.',
        params: Type.Object({ id: OccupantRequestId }),
        body: FeedbackAnswerBody,
        response: { 200: OccupantRequestSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const principal = request.principal
      if (principal === undefined) throw new Error('auth hook did not set a principal')
      const { adopted } = request.body
      const answer = { text: request.body.answer.trim(), at: new Date(deps.now()).toISOString(), by: principal.name, ...(adopted === undefined ? {} : { adopted }) }
      const result = await deps.requests.answer(request.params.id, answer)
      if (result.outcome === 'not_found') throw notFound(`occupant request ${request.params.id}`)
      if (result.outcome === 'not_feedback') {
        const workOrder = result.request.workOrderId === undefined ? '' : ` (work order ${result.request.workOrderId})`
        throw new ProblemError({ type: PROBLEM_TYPES.conflict, title: 'Not feedback', status: 409, detail: `occupant request ${result.request.id} is a fault report: the occupant follows its repair${workOrder}; only complaints and suggestions are answered` })
      }
      return result.request
    }
  )

  api.get(
    '/api/v1/feedback/counts',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['occupant requests'],
        summary: 'Complaints and suggestions counted per site, kind and status',
        response: { 200: FeedbackCountsSchema }
      }
    },
    async () => ({ items: (await deps.requests.counts()).filter(isFeedbackCount) })
  )
}

function isFeedbackCount(row: OccupantRequestCount): row is OccupantRequestCount & { kind: FeedbackKind; status: 'open' | 'answered' } {
  return row.kind !== 'fault' && row.status !== 'work_order'
}
