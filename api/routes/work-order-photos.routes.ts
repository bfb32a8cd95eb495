import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { PhotoStore } from '../../core/photos/photo-store.js'
import { PROBLEM_TYPES, ProblemError, badRequest, notFound } from '../problem.js'
import { readPhotoForm } from '../photos/photo-form.js'
import { photoResponse } from '../photos/photo-response.js'
import { PhotoId, PhotoRefSchema, multipartPhotoBody } from '../photos/photo-schemas.js'
import { ProblemSchema } from '../schemas.js'
import { fieldWorkRefusal, visibleToEngineer } from '../work-orders/work-order-permissions.js'
import type { WorkOrderTransitions } from '../work-orders/work-order-transitions.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'

export interface WorkOrderPhotoRouteDeps {
  workOrders: WorkOrderRepository
  transitions: WorkOrderTransitions
  photos: PhotoStore
}

const WorkOrderId = Type.String({ pattern: '^WO-\\d{6,}$', examples: ['WO-000042'] })
const CAPTION_MAX_CHARS = 200

/** Photos of field work: engineers and managers attach them to a work order; only people who may see the order see them. */
export function workOrderPhotoRoutes(app: FastifyInstance, deps: WorkOrderPhotoRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.post(
    '/api/v1/work-orders/:id/photos',
    {
      config: { roles: ['admin', 'manager', 'engineer'] },
      schema: {
        tags: ['work orders'],
        summary: 'Attach a photo to a work order',
        description:
          `multipart/form-data with one file field \`photo\` (JPEG, PNG, WebP or HEIC, recognised from its bytes; up to PHOTO_MAX_BYTES, 10 MiB by default) ` +
          `and an optional \`caption\` (up to ${CAPTION_MAX_CHARS} characters). Kept under the data directory; the audit trail notes it. ` +
          'Engineers add photos to their own work orders only; nobody adds to closed or cancelled ones. ' +
          'Too large: 413 naming the limit; another format: 415; a refused photo is not kept.',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: WorkOrderId }),
        body: multipartPhotoBody({ caption: Type.String({ maxLength: CAPTION_MAX_CHARS, examples: ['Drive-end bearing, scored'] }) }, { required: true, description: 'The photo' }, { caption: 'Drive-end bearing, scored' }),
        response: { 201: PhotoRefSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema }
      }
    },
    async (request, reply) => {
      const principal = request.principal
      if (principal === undefined) throw new Error('auth hook did not set a principal')
      const { id } = request.params
      const workOrder = await deps.workOrders.get(id)
      if (workOrder === undefined) throw notFound(`work order ${id}`)
      // Refuse before reading the upload what is plainly not theirs; transitions.record decides the rest.
      const refused = fieldWorkRefusal(principal, workOrder)
      if (refused !== undefined) throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: refused })
      const form = await readPhotoForm(request, { photos: deps.photos, uploadedBy: principal.name, fields: { caption: CAPTION_MAX_CHARS } })
      if (form.photo === undefined) throw badRequest('body.photo', 'required: attach the image as the file field `photo`')
      const caption = form.fields.get('caption')?.trim()
      const photo = caption === undefined || caption === '' ? form.photo : { ...form.photo, caption }
      try {
        await deps.transitions.record(id, principal, { kind: 'photo', photo })
      } catch (error) {
        await deps.photos.remove(photo.id)
        throw error
      }
      return reply.code(201).header('location', `/api/v1/work-orders/${id}/photos/${photo.id}`).send(photo)
    }
  )

  api.get(
    '/api/v1/work-orders/:id/photos/:photoId',
    {
      config: { roles: ['admin', 'manager', 'engineer'] },
      schema: {
        tags: ['work orders'],
        summary: 'One photo of a work order',
        description: 'The image as uploaded, with the content type found from its bytes; `cache-control: private`. Engineers see photos of the work orders they may see (their own and unassigned ones); others are 404.',
        params: Type.Object({ id: WorkOrderId, photoId: PhotoId }),
        response: {
          200: { description: 'The image', content: { 'image/jpeg': { schema: { type: 'string' } }, 'image/png': { schema: { type: 'string' } }, 'image/webp': { schema: { type: 'string' } }, 'image/heic': { schema: { type: 'string' } } } },
          400: ProblemSchema,
          404: ProblemSchema
        }
      }
    },
    async (request, reply) => {
      const { id, photoId } = request.params
      const workOrder = await deps.workOrders.get(id)
      const principal = request.principal
      // Someone else's work is not found for an engineer, as in GET /work-orders/:id.
      if (workOrder === undefined || (principal?.role === 'engineer' && !visibleToEngineer(workOrder, principal.engineerId))) throw notFound(`work order ${id}`)
      if (!(workOrder.photos ?? []).some((photo) => photo.id === photoId)) throw notFound(`photo ${photoId} of work order ${id}`)
      return photoResponse(reply, deps.photos, photoId)
    }
  )
}
