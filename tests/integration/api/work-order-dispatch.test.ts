import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { startPeriodicJob } from '../../../api/jobs/periodic-job.js'
import { WorkOrderDispatch, awaitsDispatch } from '../../../api/work-orders/work-order-dispatch.js'
import { WorkOrderTransitions } from '../../../api/work-orders/work-order-transitions.js'
import { WorkOrderRepository } from '../../../api/work-orders/work-order.repository.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const LIFT: Equipment = { id: 'lift-1', siteId: PUMP.siteId, buildingId: PUMP.buildingId, type: 'elevator', name: 'Passenger lift 1', location: 'Core A' }
// Wednesday 2026-12-02 10:00 in Shanghai, the fixture site's zone.
const WEDNESDAY_10H = Date.parse('2026-12-02T02:00:00Z')
const HOUR = 3_600_000

interface WorkOrderBody {
  id: string
  status: string
  assigneeId?: string
  responsibleEngineerId?: string
  declinedBy?: string[]
  escalatedAt?: string
  arrivedAt?: string
  rating?: { score: number; comment: string }
}

describe('dispatch, check-in by QR code and rating links, through the API on real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let now = WEDNESDAY_10H
  let pumpQr = ''
  let liftQr = ''
  const token: Record<string, string> = {}
  const cleanups: (() => Promise<void>)[] = []

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerPump(registry, LIFT, 'lift-1-gw')
    pumpQr = (await registry.getEquipment(PUMP.id))?.qrCode ?? ''
    liftQr = (await registry.getEquipment(LIFT.id))?.qrCode ?? ''
    // The fixture team: ana and bo do pumps by day; cy works nights; dee's elevator certificate ran out yesterday; sam supervises.
    const day = [{ days: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[], start: '08:00', end: '18:00' }]
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [
      engineer('eng-ana', PUMP.siteId, { shifts: day }),
      engineer('eng-bo', PUMP.siteId, { shifts: day }),
      engineer('eng-cy', PUMP.siteId, { shifts: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '06:00' }] }),
      engineer('eng-dee', PUMP.siteId, { skills: ['elevator'], certificates: [{ equipmentType: 'elevator', number: 'EL-7', expiresAt: '2026-12-01' }] }),
      engineer('eng-sam', PUMP.siteId, { skills: [], sites: [{ siteId: PUMP.siteId, supervisor: true }] })
    ])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.ana = await tokens.issue({ name: 'ana (engineer)', role: 'engineer', engineerId: 'eng-ana' })
    token.bo = await tokens.issue({ name: 'bo (engineer)', role: 'engineer', engineerId: 'eng-bo' })
    token.owner = await tokens.issue({ name: 'owner of 12F', role: 'requester' })
    token.neighbour = await tokens.issue({ name: 'owner of 3F', role: 'requester' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, now: () => now }))
  })
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup()
    await app.close()
    await redis.close()
  })

  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await app.inject({ method, url, headers: who === '' ? {} : { authorization: `Bearer ${token[who] ?? ''}` }, ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }
  const open = async (equipmentId = PUMP.id, who = 'manager') => (await call(who, 'POST', '/api/v1/work-orders', { equipmentId, title: 'Bearing noise', priority: 'normal' })).body as unknown as WorkOrderBody
  const audit = async (id: string) => (await call('manager', 'GET', `/api/v1/work-orders/${id}/audit`)).body.items as { action: string; by: string; note?: string }[]

  it('assigns new work to the qualified engineer on shift with the lightest load, and passes a decline on', async () => {
    now = WEDNESDAY_10H
    const first = await open()
    expect(first).toMatchObject({ status: 'assigned', assigneeId: 'eng-ana' })
    expect((await audit(first.id)).at(-1)).toMatchObject({ action: 'assign', by: 'vigil (dispatch)', note: expect.stringMatching(/lightest load \(0 active\) of 2 qualified on shift/) as unknown })
    // ana now carries one; bo carries none.
    const second = await open()
    expect(second.assigneeId).toBe('eng-bo')

    const declined = await call('bo', 'POST', `/api/v1/work-orders/${second.id}/decline`, { note: 'on another job across town' })
    expect(declined.body).toMatchObject({ status: 'open', declinedBy: ['eng-bo'] })
    const after = (await call('manager', 'GET', `/api/v1/work-orders/${second.id}`)).body as unknown as WorkOrderBody
    expect(after).toMatchObject({ status: 'assigned', assigneeId: 'eng-ana', declinedBy: ['eng-bo'] })
  })

  it('keeps the first engineer to accept responsible when a manager reassigns', async () => {
    now = WEDNESDAY_10H
    const workOrder = await open()
    const assignee = workOrder.assigneeId ?? ''
    const other = assignee === 'eng-ana' ? 'eng-bo' : 'eng-ana'
    await call(assignee.replace('eng-', ''), 'POST', `/api/v1/work-orders/${workOrder.id}/accept`)
    const moved = await call('manager', 'POST', `/api/v1/work-orders/${workOrder.id}/assign`, { engineerId: other })
    expect(moved.body).toMatchObject({ status: 'assigned', assigneeId: other, responsibleEngineerId: assignee })
    expect((await call('manager', 'POST', `/api/v1/work-orders/${workOrder.id}/assign`, { engineerId: 'eng-nobody' })).body).toMatchObject({ status: 400, detail: expect.stringContaining('eng-nobody') as unknown })
  })

  it('escalates at once to the site supervisor when nobody qualified is on shift', async () => {
    now = WEDNESDAY_10H
    const lift = await open(LIFT.id)
    expect(lift).toMatchObject({ status: 'open', escalatedAt: new Date(now).toISOString() })
    expect(lift.assigneeId).toBeUndefined()
    expect((await audit(lift.id)).at(-1)).toMatchObject({
      action: 'escalate',
      by: 'vigil (dispatch)',
      note: expect.stringMatching(/nobody qualified for elevator on shift: .*eng-dee certificate expired.*; escalated to supervisor eng-sam/) as unknown
    })
    const escalations = (await call('manager', 'GET', '/api/v1/escalations')).body as { items: { workOrderId: string; reason: string; supervisorId?: string }[] }
    expect(escalations.items.find((item) => item.workOrderId === lift.id)).toMatchObject({ reason: 'nobody_available', supervisorId: 'eng-sam' })

    // At 03:00 on Thursday only the night shift is there.
    now = Date.parse('2026-12-02T19:00:00Z')
    expect((await open()).assigneeId).toBe('eng-cy')
  })

  it('offers work that came in at night to the morning shift, through the BullMQ sweep', async () => {
    // Thursday 06:30 in Shanghai: cy's night shift has ended, ana's and bo's day shift not begun.
    now = Date.parse('2026-12-02T22:30:00Z')
    const night = await open()
    expect(night).toMatchObject({ status: 'open', escalatedAt: new Date(now).toISOString() })
    expect(night.assigneeId).toBeUndefined()

    const team = new EngineerStore(redis.redis, redis.keys)
    const workOrders = new WorkOrderRepository(redis.redis, redis.keys)
    const dispatch = new WorkOrderDispatch({
      workOrders,
      registry: new RegistryStore(redis.redis, redis.keys),
      team,
      assign: (id, engineerId, principal, note) => new WorkOrderTransitions({ workOrders, now: () => now }).act(id, 'assign', principal, { engineerId, note }, awaitsDispatch),
      escalateNow: () => Promise.resolve(false),
      logger: testLogger(),
      now: () => now
    })
    // Still nobody on shift: the sweep leaves it waiting.
    expect(await dispatch.sweep()).toBe(0)

    now = Date.parse('2026-12-03T00:05:00Z') // 08:05: the day shift is in
    const swept = new Promise<number>((resolve, reject) => {
      void startPeriodicJob({ name: 'dispatch-sweep-test', redis: redis.redis, prefix: redis.keys.bullPrefix, everyMs: 50, logger: testLogger(), run: () => dispatch.sweep().then(resolve, reject) }).then((sweep) => cleanups.push(() => sweep.close()))
    })
    expect(await swept).toBeGreaterThanOrEqual(1)
    expect(((await call('manager', 'GET', `/api/v1/work-orders/${night.id}`)).body as unknown as WorkOrderBody).assigneeId).toMatch(/^eng-(ana|bo)$/)
  })

  it('checks in by the code on the equipment, recording the arrival and starting the work', async () => {
    now = WEDNESDAY_10H
    const workOrder = await open()
    const who = (workOrder.assigneeId ?? '').replace('eng-', '')
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/accept`)
    const wrong = await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/check-in`, { qrCode: liftQr })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({ errors: [{ field: 'body.qrCode' }], detail: expect.stringContaining(`this code is on equipment ${LIFT.id}`) as unknown })
    const unchanged = (await call('manager', 'GET', `/api/v1/work-orders/${workOrder.id}`)).body as unknown as WorkOrderBody
    expect(unchanged).toMatchObject({ status: 'accepted' })
    expect(unchanged.arrivedAt).toBeUndefined()

    now += 20 * 60_000
    const arrived = await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/check-in`, { qrCode: pumpQr, note: 'pump room B2' })
    expect(arrived.body).toMatchObject({ status: 'in_progress', arrivedAt: new Date(now).toISOString() })
    expect((await audit(workOrder.id)).at(-1)).toMatchObject({ action: 'check_in', note: `checked in at ${PUMP.id} by QR code: pump room B2` })
  })

  it('rates finished work once through a link that expires after 48 hours', async () => {
    now = WEDNESDAY_10H
    const workOrder = await open(PUMP.id, 'owner')
    const who = (workOrder.assigneeId ?? '').replace('eng-', '')
    expect((await call('owner', 'POST', `/api/v1/work-orders/${workOrder.id}/rating-link`)).status).toBe(409)
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/accept`)
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/check-in`, { qrCode: pumpQr })
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/resolve`, { code: 'no_fault_found', firstVisitFix: true, note: 'noise was a loose guard' })

    expect((await call('neighbour', 'POST', `/api/v1/work-orders/${workOrder.id}/rating-link`)).status).toBe(403)
    const link = (await call('owner', 'POST', `/api/v1/work-orders/${workOrder.id}/rating-link`)).body as { url: string; token: string; expiresAt: string }
    expect(link.expiresAt).toBe(new Date(now + 48 * HOUR).toISOString())
    const page = await app.inject({ method: 'GET', url: `/rate/${link.token}` })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain(workOrder.id)
    expect(page.body).toContain('name="score"')

    // The page's own form, as a browser posts it.
    const form = await app.inject({ method: 'POST', url: `/rate/${link.token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'score=4&comment=Quick+and+tidy' })
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('4 out of 5')
    const rated = (await call('manager', 'GET', `/api/v1/work-orders/${workOrder.id}`)).body as unknown as WorkOrderBody
    expect(rated.rating).toMatchObject({ score: 4, comment: 'Quick and tidy' })
    expect((await audit(workOrder.id)).at(-1)).toMatchObject({ action: 'rate', note: '4/5: Quick and tidy' })

    // Used once: a second rating through it is refused and changes nothing.
    expect((await call('', 'POST', `/rate/${link.token}`, { score: 1 })).status).toBe(410)
    expect(((await call('manager', 'GET', `/api/v1/work-orders/${workOrder.id}`)).body as unknown as WorkOrderBody).rating?.score).toBe(4)
  })

  it('refuses a rating link after its 48 hours', async () => {
    now = WEDNESDAY_10H
    const workOrder = await open()
    const who = (workOrder.assigneeId ?? '').replace('eng-', '')
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/accept`)
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/start`)
    await call(who, 'POST', `/api/v1/work-orders/${workOrder.id}/resolve`, { code: 'repaired', firstVisitFix: true, note: 'new bearing' })
    const link = (await call('manager', 'POST', `/api/v1/work-orders/${workOrder.id}/rating-link`)).body as { token: string }

    now += 48 * HOUR - 1
    expect((await app.inject({ method: 'GET', url: `/rate/${link.token}` })).statusCode).toBe(200)
    now += 2
    expect((await app.inject({ method: 'GET', url: `/rate/${link.token}` })).statusCode).toBe(410)
    const late = await call('', 'POST', `/rate/${link.token}`, { score: 5 })
    expect(late).toMatchObject({ status: 410, body: { detail: expect.stringContaining('expired') as unknown } })
    expect(((await call('manager', 'GET', `/api/v1/work-orders/${workOrder.id}`)).body as unknown as WorkOrderBody).rating).toBeUndefined()
  })
})
