import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Equipment } from '../../core/domain/equipment.js'
import type { WorkOrder } from '../../core/domain/work-order.js'
import { occupantProgress } from '../../core/occupant/occupant-progress.js'
import { CONTACT_MAX_CHARS, DESCRIPTION_MAX_CHARS, REPORT_FORM_FIELDS, readOccupantReport } from '../../core/occupant/occupant-report-form.js'
import type { ReportFieldError } from '../../core/occupant/occupant-report-form.js'
import type { OccupantRequestStore } from '../../core/occupant/occupant-request-store.js'
import type { OccupantRequest } from '../../core/occupant/occupant-request.js'
import type { ReportThrottle } from '../../core/occupant/report-throttle.js'
import type { SelfHelpTipStore } from '../../core/occupant/self-help-tip-store.js'
import type { PhotoStore } from '../../core/photos/photo-store.js'
import { QR_CODE_PATTERN } from '../../core/registry/qr-code.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { occupantFollowPage } from '../occupant-follow-page.js'
import type { FollowPageInput } from '../occupant-follow-page.js'
import { sendPage } from '../occupant-html.js'
import { pageLanguage } from '../occupant-language.js'
import type { PageLanguage } from '../occupant-language.js'
import type { OccupantText } from '../occupant-messages.js'
import { tooManyReportsPage, unknownCodePage, unknownFollowLinkPage } from '../occupant-message-page.js'
import { occupantReportPage } from '../occupant-report-page.js'
import type { PageFieldError, ReportPageInput } from '../occupant-report-page.js'
import type { OccupantRequestIntake } from '../occupant-request-intake.js'
import { readPhotoForm } from '../photos/photo-form.js'
import { multipartPhotoBody } from '../photos/photo-schemas.js'
import { photoResponse } from '../photos/photo-response.js'
import { ProblemError } from '../problem.js'
import type { RatingLinks } from '../work-orders/rating-links.js'
import { noticesToShow } from '../../core/notices/notice.js'
import type { NoticeStore } from '../../core/notices/notice-store.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'

export interface OccupantReportRouteDeps {
  registry: RegistryStore
  tips: SelfHelpTipStore
  requests: OccupantRequestStore
  intake: OccupantRequestIntake
  throttle: ReportThrottle
  photos: PhotoStore
  workOrders: WorkOrderRepository
  /** The occupant who reported a fault rates its repair through a one-time rating link. */
  ratings: RatingLinks
  /** Planned outages shown above the tips. */
  notices: NoticeStore
  now: () => number
  /** Where people reach Vigil (PUBLIC_BASE_URL); unset: the address the request came to. */
  publicBaseUrl?: string | undefined
}

const QR_CODE = new RegExp(QR_CODE_PATTERN)
// Not checked by pattern here: a malformed code or token gets the same readable 404 page as an unknown one.
const CodeParams = Type.Object({ code: Type.String({ description: 'The code printed under the QR sticker', examples: ['7k3m9q2xwd'] }) })
const TokenParams = Type.Object({ token: Type.String({ description: 'The secret of the private follow link', examples: ['Zpzx3nZERbVTSfljvkbEmaUh4T64S8mp'] }) })
const HTML_RESPONSE = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } }
const PAGES = 'occupant pages'
const IN_LANGUAGE = ' In Chinese (zh-CN) for a browser that asks for any Chinese (Accept-Language), otherwise English; `?lang=zh-CN` or `?lang=en` overrides it, and then every link the page makes carries it on.'

/**
 * The public pages behind equipment QR codes: occupants report a fault, a complaint or a
 * suggestion without an account and follow it by a private link. Plain HTML, no scripts; every
 * answer, errors included, is a page a person can read, in English or Chinese (`pageLanguage`).
 */
export function occupantReportRoutes(app: FastifyInstance, deps: OccupantReportRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const baseUrl = (request: FastifyRequest): string => deps.publicBaseUrl ?? `${request.protocol}://${request.host}`
  const equipmentOf = async (code: string): Promise<Equipment | undefined> => (QR_CODE.test(code) ? deps.registry.getEquipmentByQrCode(code) : undefined)
  const languageOf = (request: FastifyRequest): PageLanguage => pageLanguage(request.url, request.headers['accept-language'])
  const reportPage = async (equipment: Equipment, code: string, lang: PageLanguage, extra: Pick<ReportPageInput, 'values' | 'errors'> = {}): Promise<string> => {
    const [tips, notices, site, building] = await Promise.all([deps.tips.list(equipment.type), deps.notices.list(), deps.registry.getSite(equipment.siteId), deps.registry.getBuilding(equipment.buildingId)])
    const shown = noticesToShow(notices, equipment, deps.now())
    return occupantReportPage({ equipment, building: building?.name, tips, notices: shown, timeZone: site?.timezone ?? 'UTC', action: lang.link(`/r/${code}`), photoMaxBytes: deps.photos.maxBytes, ...extra }, lang)
  }

  api.get(
    '/r/:code',
    {
      schema: {
        tags: [PAGES],
        summary: "An equipment's public report page (HTML)",
        description: 'What the QR sticker opens: the equipment, the self-help tips staff wrote for its type, then a form to report a fault, a complaint or a suggestion. No account. An unknown or replaced code is a 404 page saying what to do.' + IN_LANGUAGE,
        security: [],
        params: CodeParams,
        response: { 200: HTML_RESPONSE, 404: HTML_RESPONSE }
      }
    },
    async (request, reply) => {
      const { code } = request.params
      const lang = languageOf(request)
      const equipment = await equipmentOf(code)
      if (equipment === undefined) return sendPage(reply, 404, unknownCodePage(lang))
      return sendPage(reply, 200, await reportPage(equipment, code, lang))
    }
  )

  api.post(
    '/r/:code',
    {
      schema: {
        tags: [PAGES],
        summary: 'Send a report from the public page (HTML form)',
        description:
          'multipart/form-data: `kind` (fault, complaint or suggestion; default fault), `description` (required), optional `photo` and `contact`. ' +
          'A fault becomes a normal-priority work order keeping the photo and linking back to the request; a complaint or suggestion is kept for staff to answer. ' +
          'Answers 303 to the private follow page `/r/follow/{token}` (the token is shown only there; only its SHA-256 is stored). ' +
          'A form with mistakes comes back (400, 413 photo too large, 415 not an image) with the mistakes next to their fields. ' +
          'Limited per client address and equipment (OCCUPANT_REQUESTS_PER_ADDRESS) and per equipment (OCCUPANT_REQUESTS_PER_EQUIPMENT) per OCCUPANT_REQUEST_WINDOW: 429 page with Retry-After.' + IN_LANGUAGE,
        security: [],
        consumes: ['multipart/form-data'],
        params: CodeParams,
        body: multipartPhotoBody(
          {
            kind: Type.Union([Type.Literal('fault'), Type.Literal('complaint'), Type.Literal('suggestion')]),
            description: Type.String({ minLength: 3, maxLength: DESCRIPTION_MAX_CHARS, examples: ['The lift stops between floors 3 and 4'] }),
            contact: Type.String({ maxLength: CONTACT_MAX_CHARS, examples: ['+86 138 0000 0000'] })
          },
          { required: false, description: 'A photo of the problem (optional)' },
          { kind: 'fault', description: 'No water on floor 12 since 7 am', contact: 'Flat 12B' }
        ),
        response: { 303: { description: 'Sent: go to the follow page', type: 'null' }, 400: HTML_RESPONSE, 404: HTML_RESPONSE, 413: HTML_RESPONSE, 415: HTML_RESPONSE, 429: HTML_RESPONSE }
      }
    },
    async (request, reply) => {
      const { code } = request.params
      const lang = languageOf(request)
      const equipment = await equipmentOf(code)
      if (equipment === undefined) return sendPage(reply, 404, unknownCodePage(lang))
      const verdict = await deps.throttle.take(request.ip, equipment.id)
      if (!verdict.allowed) {
        const seconds = Math.ceil(verdict.retryAfterMs / 1000)
        reply.header('retry-after', seconds)
        return sendPage(reply, 429, tooManyReportsPage(lang, Math.max(1, Math.ceil(seconds / 60)), verdict.scope))
      }
      const id = await deps.requests.nextId()
      let form
      try {
        form = await readPhotoForm(request, { photos: deps.photos, uploadedBy: `occupant (request ${id})`, fields: REPORT_FORM_FIELDS })
      } catch (error) {
        if (!(error instanceof ProblemError) || error.problem.status >= 500) throw error
        return sendPage(reply, error.problem.status, await reportPage(equipment, code, lang, { errors: [formError(error, deps.photos.maxBytes, lang.t)] }))
      }
      const reading = readOccupantReport(form.fields)
      if (!reading.ok) {
        if (form.photo !== undefined) await deps.photos.remove(form.photo.id)
        const values = { kind: form.fields.get('kind'), description: form.fields.get('description'), contact: form.fields.get('contact') }
        const errors = [...reading.errors.map((error) => readingError(error, values.description ?? '', lang.t)), ...(form.photo === undefined ? [] : [{ field: 'photo' as const, message: lang.t('errorPhotoAgain') }])]
        return sendPage(reply, 400, await reportPage(equipment, code, lang, { values, errors }))
      }
      const { followToken } = await deps.intake.submit({ id, equipment, report: reading.report, photo: form.photo, requestUrl: `${baseUrl(request)}/api/v1/requests/${id}` })
      return reply.code(303).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(lang.link(`/r/follow/${followToken}?sent=1`), 303)
    }
  )

  api.get(
    '/r/follow/:token',
    {
      schema: {
        tags: [PAGES],
        summary: "An occupant's private follow page (HTML)",
        description: "The request's status; for a fault, its repair's steps and times (no names or internal notes); for a complaint or suggestion, the staff's answer once there is one. Anyone with the link can read it, so it is never cached and sends no referrer." + IN_LANGUAGE,
        security: [],
        params: TokenParams,
        response: { 200: HTML_RESPONSE, 404: HTML_RESPONSE }
      }
    },
    async (request, reply) => {
      const { token } = request.params
      const lang = languageOf(request)
      const occupantRequest = await deps.requests.getByFollowToken(token)
      if (occupantRequest === undefined) return sendPage(reply, 404, unknownFollowLinkPage(lang))
      const justSent = (request.query as Record<string, unknown>).sent === '1'
      return sendPage(reply, 200, await followPage(occupantRequest, `${baseUrl(request)}/r/follow/${token}`, justSent, lang))
    }
  )

  api.post(
    '/r/follow/:token/rating',
    {
      schema: {
        tags: [PAGES],
        summary: 'Rate the repair of a reported fault (from the follow page)',
        description: 'Once the repair is resolved, the follow page offers this button: it opens a one-time rating page (303 to /rate/{token}). Before that, or once rated, it leads back to the follow page.',
        security: [],
        params: TokenParams,
        response: { 303: { description: 'To the rating page, or back to the follow page' }, 404: HTML_RESPONSE }
      }
    },
    async (request, reply) => {
      const { token } = request.params
      const lang = languageOf(request)
      const occupantRequest = await deps.requests.getByFollowToken(token)
      if (occupantRequest === undefined) return sendPage(reply, 404, unknownFollowLinkPage(lang))
      const workOrder = occupantRequest.workOrderId === undefined ? undefined : await deps.workOrders.get(occupantRequest.workOrderId)
      if (workOrder === undefined || !awaitsRating(workOrder)) return reply.header('cache-control', 'no-store').redirect(lang.link(`/r/follow/${token}`), 303)
      const link = await deps.ratings.issue(workOrder.id)
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(lang.link(`/rate/${link.token}`), 303)
    }
  )

  api.get(
    '/r/follow/:token/photo',
    {
      schema: {
        tags: [PAGES],
        summary: 'The photo an occupant sent, for their follow page',
        security: [],
        params: TokenParams,
        response: { 200: { description: 'The image', content: { 'image/jpeg': { schema: { type: 'string' } } } }, 404: HTML_RESPONSE }
      }
    },
    async (request, reply) => {
      const { token } = request.params
      const occupantRequest = await deps.requests.getByFollowToken(token)
      if (occupantRequest?.photo === undefined) return sendPage(reply, 404, unknownFollowLinkPage(languageOf(request)))
      return photoResponse(reply, deps.photos, occupantRequest.photo.id)
    }
  )

  async function followPage(occupantRequest: OccupantRequest, followUrl: string, justSent: boolean, lang: PageLanguage): Promise<string> {
    const [equipment, site] = await Promise.all([deps.registry.getEquipment(occupantRequest.equipmentId), deps.registry.getSite(occupantRequest.siteId)])
    const followPath = new URL(followUrl).pathname
    let repair: FollowPageInput['repair']
    if (occupantRequest.workOrderId !== undefined) {
      const [workOrder, audit] = await Promise.all([deps.workOrders.get(occupantRequest.workOrderId), deps.workOrders.audit(occupantRequest.workOrderId)])
      if (workOrder !== undefined) {
        const rating = workOrder.rating === undefined ? (awaitsRating(workOrder) ? { action: lang.link(`${followPath}/rating`) } : undefined) : { score: workOrder.rating.score }
        repair = { status: workOrder.status, steps: occupantProgress(audit), ...(rating === undefined ? {} : { rating }) }
      }
    }
    return occupantFollowPage(
      {
        request: occupantRequest,
        equipment,
        repair,
        followUrl: lang.link(followUrl),
        justSent,
        timeZone: site?.timezone ?? 'UTC',
        photoUrl: occupantRequest.photo === undefined || occupantRequest.photo.contentType === 'image/heic' ? undefined : `${followPath}/photo`
      },
      lang
    )
  }
}

/** A refused form (ProblemError from readPhotoForm) as the mistake to show on the page, in the occupant's language. */
function formError(error: ProblemError, photoMaxBytes: number, t: OccupantText): PageFieldError {
  const field = error.problem.errors?.[0]?.field ?? 'body'
  if (field === 'body.photo') {
    if (error.problem.status === 413) return { field: 'photo', message: t('errorPhotoTooLarge', { size: `${Math.floor(photoMaxBytes / 1_048_576 * 10) / 10} MB` }) }
    if (error.problem.status === 415) return { field: 'photo', message: t('errorPhotoType') }
    return { field: 'photo', message: t('errorPhotoUnreadable') }
  }
  // The page's own form sends each field once and within its maxlength: a field refused here is one that is too long.
  if (field === 'body.description') return { field: 'description', message: t('errorDescriptionLong', { max: DESCRIPTION_MAX_CHARS }) }
  if (field === 'body.contact') return { field: 'contact', message: t('errorContactLong', { max: CONTACT_MAX_CHARS }) }
  return { field: 'form', message: t('errorForm') }
}

/** A mistake readOccupantReport found, in the occupant's language (its own message is English). */
function readingError(error: ReportFieldError, description: string, t: OccupantText): PageFieldError {
  if (error.field === 'kind') return { field: 'kind', message: t('errorKind') }
  if (error.field === 'contact') return { field: 'contact', message: t('errorContactLong', { max: CONTACT_MAX_CHARS }) }
  return { field: 'description', message: description.length > DESCRIPTION_MAX_CHARS ? t('errorDescriptionLong', { max: DESCRIPTION_MAX_CHARS }) : t('errorDescriptionShort') }
}

/** A repair the occupant may rate: the engineer says it is fixed and nobody has rated it. */
function awaitsRating(workOrder: WorkOrder): boolean {
  return (workOrder.status === 'resolved' || workOrder.status === 'closed') && workOrder.rating === undefined
}
