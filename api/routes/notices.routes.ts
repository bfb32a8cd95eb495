import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { EQUIPMENT_TYPES } from '../../core/domain/equipment.js'
import type { MaintenanceWindowStore } from '../../core/maintenance/maintenance-window-store.js'
import { noticeCovers } from '../../core/notices/notice.js'
import type { Notice } from '../../core/notices/notice.js'
import type { NoticeStore } from '../../core/notices/notice-store.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { Id, IsoTime, ListOf, ProblemSchema, literals } from '../schemas.js'

export interface NoticeRouteDeps {
  notices: NoticeStore
  windows: MaintenanceWindowStore
  registry: RegistryStore
  now: () => number
}

/** Longest notice: a planned outage, not a standing message. */
const MAX_NOTICE_MS = 31 * 86_400_000

const NoticeSchema = Type.Object({
  id: Type.String({ examples: ['nt-3f9a1c'] }),
  siteId: Id,
  buildingId: Type.Optional(Id),
  title: Type.String(),
  message: Type.String(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  mutesEquipmentTypes: Type.Array(literals(EQUIPMENT_TYPES)),
  windows: Type.Array(Type.Object({ equipmentId: Id, windowId: Type.String() }), { description: 'The maintenance windows muting the alerts the planned work causes' }),
  createdAt: IsoTime,
  createdBy: Type.String()
})

const NewNoticeSchema = Type.Object(
  {
    siteId: Id,
    buildingId: Type.Optional(Type.String({ pattern: Id.pattern, description: 'Unset: the whole site', examples: ['hv-tower-a'] })),
    title: Type.String({ minLength: 1, maxLength: 200, examples: ['Water off on Tuesday morning'] }),
    message: Type.String({ minLength: 1, maxLength: 2000, examples: ['The booster pumps of Tower A are serviced on Tuesday 8–11 am; taps on floors 10–30 may run dry.'] }),
    startsAt: Type.String({ format: 'date-time', examples: ['2026-12-08T00:00:00.000Z'] }),
    endsAt: Type.String({ format: 'date-time', examples: ['2026-12-08T03:00:00.000Z'] }),
    mutesEquipmentTypes: Type.Optional(Type.Array(literals(EQUIPMENT_TYPES), { uniqueItems: true, description: 'Alerts of these types of equipment it covers are muted inside the window (the planned work causes them)', examples: [['pump']] }))
  },
  {
    additionalProperties: false,
    examples: [{ siteId: 'harbour-view', buildingId: 'hv-tower-a', title: 'Water off on Tuesday morning', message: 'The booster pumps are serviced 8–11 am.', startsAt: '2026-12-08T00:00:00.000Z', endsAt: '2026-12-08T03:00:00.000Z', mutesEquipmentTypes: ['pump'] }]
  }
)

/** Notices to occupants: shown on the QR report pages they cover, sent to the webhooks, muting the alerts the planned work causes. */
export function noticeRoutes(app: FastifyInstance, deps: NoticeRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/notices',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['notices'],
        summary: 'List notices, soonest first',
        querystring: Type.Object({ siteId: Type.Optional(Id), current: Type.Optional(Type.Boolean({ description: 'Only those not yet over', examples: [true] })) }, { additionalProperties: false }),
        response: { 200: ListOf(NoticeSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const nowMs = deps.now()
      const items = (await deps.notices.list()).filter((notice) => (request.query.siteId === undefined || notice.siteId === request.query.siteId) && (request.query.current !== true || Date.parse(notice.endsAt) > nowMs))
      return { items }
    }
  )

  api.post(
    '/api/v1/notices',
    {
      config: { roles: ['admin', 'manager'] },
      schema: {
        tags: ['notices'],
        summary: 'Post a notice for a site or a building',
        description:
          'A planned outage or an inspection day. It shows on the QR report page of every equipment it covers from a week before it starts until it ends, goes out through the webhooks, and mutes ' +
          '(annotates, does not drop) the alerts of the equipment types in `mutesEquipmentTypes` during its window: a maintenance window per equipment covered.',
        body: NewNoticeSchema,
        response: { 201: NoticeSchema, 400: ProblemSchema }
      }
    },
    async (request, reply) => {
      const body = request.body
      if ((await deps.registry.getSite(body.siteId)) === undefined) throw badRequest('body.siteId', `site ${body.siteId} is not in the registry`)
      if (body.buildingId !== undefined && (await deps.registry.getBuilding(body.buildingId))?.siteId !== body.siteId) throw badRequest('body.buildingId', `building ${body.buildingId} is not a building of site ${body.siteId}`)
      const startMs = Date.parse(body.startsAt)
      const endMs = Date.parse(body.endsAt)
      if (endMs <= startMs) throw badRequest('body.endsAt', 'the notice must end after it starts')
      if (endMs - startMs > MAX_NOTICE_MS) throw badRequest('body.endsAt', 'a notice lasts at most 31 days; post another for a longer outage')
      const id = `nt-${randomBytes(3).toString('hex')}`
      const mutes = body.mutesEquipmentTypes ?? []
      const covered = (await deps.registry.listEquipment({ siteId: body.siteId })).filter((equipment) => noticeCovers(body, equipment) && mutes.includes(equipment.type))
      const windows = await Promise.all(
        covered.map(async (equipment) => {
          const window = await deps.windows.add({ equipmentId: equipment.id, reason: `notice ${id}: ${body.title}`, startsAt: new Date(startMs).toISOString(), endsAt: new Date(endMs).toISOString(), weekly: false })
          return { equipmentId: equipment.id, windowId: window.id }
        })
      )
      const notice: Notice = {
        id,
        siteId: body.siteId,
        title: body.title,
        message: body.message,
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(endMs).toISOString(),
        mutesEquipmentTypes: mutes,
        windows,
        createdAt: new Date(deps.now()).toISOString(),
        createdBy: request.principal?.name ?? 'unknown',
        ...(body.buildingId === undefined ? {} : { buildingId: body.buildingId })
      }
      await deps.notices.add(notice)
      return reply.code(201).header('location', `/api/v1/notices/${id}`).send(notice)
    }
  )

  api.delete(
    '/api/v1/notices/:id',
    {
      config: { roles: ['admin', 'manager'] },
      schema: {
        tags: ['notices'],
        summary: 'Withdraw a notice',
        description: 'It leaves the report pages and its alert mutes end; the webhooks hear that it was withdrawn.',
        params: Type.Object({ id: Type.String({ maxLength: 40, examples: ['nt-3f9a1c'] }) }),
        response: { 204: Type.Null(), 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      const notice = await deps.notices.get(request.params.id)
      if (notice === undefined) throw notFound(`notice ${request.params.id}`)
      await Promise.all(notice.windows.map((window) => deps.windows.remove(window.equipmentId, window.windowId)))
      await deps.notices.remove(notice)
      return reply.code(204).send(null)
    }
  )
}
