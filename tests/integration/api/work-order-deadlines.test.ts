import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ResponseEscalation } from '../../../api/work-orders/response-escalation.js'
import { WorkOrderRepository } from '../../../api/work-orders/work-order.repository.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { engineer as teamMember, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

/** Deadlines of 300 ms (urgent) so a real BullMQ delayed job escalates within the test. */
const POLICY = { responseMinutes: { urgent: 0.005, normal: 120, low: 1440 }, verificationWindowMs: 60_000, ratingLinkMs: 60_000, dispatchSweepMs: 60_000, planSweepMs: 60_000 }

describe('response deadlines and verification windows, through BullMQ and real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let token: string
  let engineer: string

  const build = async (policy = POLICY, jobs = true) =>
    buildApp({
      ...(await testApiDeps(redis)),
      workOrderPolicy: policy,
      autoDispatch: false,
      jobs
    })

  beforeAll(async () => {
    redis = testRedis()
    await registerPump(new RegistryStore(redis.redis, redis.keys))
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [teamMember('eng-li', PUMP.siteId)])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    engineer = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    app = await build()
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const call = async (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, as = token) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${as}` }, ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, headers: response.headers, body: response.json<Record<string, unknown>>() }
  }

  it('escalates an urgent work order nobody accepted, when its deadline passes', async () => {
    const reader = createRedis(redisUrl(), 'escalation-reader')
    const created = (await call('POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Fire pump will not start', priority: 'urgent' })).body as { id: string }
    // Wait for the escalation itself (a blocking read of the escalation log), not for time.
    const reply = await reader.xread('BLOCK', 15_000, 'STREAMS', redis.keys.escalations, '0')
    reader.disconnect()
    const escalation = JSON.parse(reply?.[0]?.[1][0]?.[1][1] ?? '{}') as { workOrderId: string; siteId: string; reason: string }
    expect(escalation).toMatchObject({ workOrderId: created.id, siteId: PUMP.siteId, reason: 'deadline_missed' })

    const workOrder = (await call('GET', `/api/v1/work-orders/${created.id}`)).body
    expect(workOrder).toMatchObject({ status: 'open', deadline: { state: 'missed' }, escalatedAt: expect.any(String) as unknown })
    const audit = (await call('GET', `/api/v1/work-orders/${created.id}/audit`)).body.items as { action: string; note?: string }[]
    expect(audit.at(-1)).toMatchObject({ action: 'escalate', note: expect.stringContaining('escalated to the site supervisor') as unknown })
    expect((await call('GET', '/api/v1/escalations')).body).toMatchObject({ countsBySite: { [PUMP.siteId]: 1 }, items: [{ workOrderId: created.id }] })
  })

  it('does not escalate work accepted in time, nor escalate twice', async () => {
    const workOrders = new WorkOrderRepository(redis.redis, redis.keys)
    const now = { value: Date.now() }
    const escalation = new ResponseEscalation({ workOrders, redis: redis.redis, keys: redis.keys, logger: testLogger(), now: () => now.value })
    const patient = await build({ ...POLICY, responseMinutes: { ...POLICY.responseMinutes, urgent: 30 } }, false)
    const created = (await patient.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { authorization: `Bearer ${token}` }, payload: { equipmentId: PUMP.id, title: 'Door slow', priority: 'urgent' } })).json<{ id: string; responseDueAt: string }>()
    now.value = Date.parse(created.responseDueAt) + 1
    await escalation.escalate(created.id, created.responseDueAt)
    await escalation.escalate(created.id, created.responseDueAt)
    expect((await escalation.counts())[PUMP.siteId]).toBe(2) // one from the test above, one now: not twice

    const second = (await patient.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { authorization: `Bearer ${token}` }, payload: { equipmentId: PUMP.id, title: 'Noise', priority: 'urgent' } })).json<{ id: string; responseDueAt: string }>()
    await patient.inject({ method: 'POST', url: `/api/v1/work-orders/${second.id}/assign`, headers: { authorization: `Bearer ${token}` }, payload: { engineerId: 'eng-li' } })
    await patient.inject({ method: 'POST', url: `/api/v1/work-orders/${second.id}/accept`, headers: { authorization: `Bearer ${engineer}` }, payload: {} })
    now.value = Date.parse(second.responseDueAt) + 1
    await escalation.escalate(second.id, second.responseDueAt)
    expect((await workOrders.get(second.id))?.escalatedAt).toBeUndefined()
    await patient.close()
  })

  it("reopens an alert's closed work order when the same condition comes back within the verification window", async () => {
    const alertOrder = (alertId: string, ruleId = 'bearing-overheat') =>
      call('POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Bearing hot', priority: 'normal', source: { kind: 'alert', alertId, ruleId } })
    const first = (await alertOrder('al_1')).body as { id: string }
    await call('POST', `/api/v1/work-orders/${first.id}/assign`, { engineerId: 'eng-li' })
    for (const [action, payload] of [
      ['accept', {}],
      ['start', {}],
      ['resolve', { code: 'adjusted', firstVisitFix: true, note: 'realigned the coupling' }]
    ] as const) {
      expect((await call('POST', `/api/v1/work-orders/${first.id}/${action}`, payload, engineer)).status).toBe(200)
    }
    expect((await call('POST', `/api/v1/work-orders/${first.id}/close`, {})).status).toBe(200)

    const back = await alertOrder('al_2')
    expect(back.status).toBe(200)
    expect(back.headers['x-vigil-outcome']).toBe('reopened')
    expect(back.body).toMatchObject({ id: first.id, status: 'reopened', assigneeId: 'eng-li', source: { alertIds: ['al_1', 'al_2'] } })
    expect(back.body.resolution).toBeUndefined()
    const audit = (await call('GET', `/api/v1/work-orders/${first.id}/audit`)).body.items as { action: string; from: string; note?: string }[]
    expect(audit.at(-1)).toMatchObject({ action: 'reopen', from: 'closed', note: expect.stringContaining('verification window') as unknown })

    // While it is open again, another alert of the equipment joins it: one visit.
    const other = await alertOrder('al_3', 'vibration-rise')
    expect(other.headers['x-vigil-outcome']).toBe('joined')
    expect(other.body.id).toBe(first.id)
  })

  it('opens new work once the verification window has passed', async () => {
    const brief = await build({ ...POLICY, verificationWindowMs: 1 }, false)
    // A pump of its own: the one above has active work that alerts would join.
    await registerPump(new RegistryStore(redis.redis, redis.keys), { ...PUMP, id: 'p9', name: 'Booster pump 9' })
    const post = async (alertId: string) => {
      const response = await brief.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { authorization: `Bearer ${token}` }, payload: { equipmentId: 'p9', title: 'Flow low', priority: 'low', source: { kind: 'alert', alertId, ruleId: 'flow-low' } } })
      expect(response.statusCode).toBe(201)
      return response.json<{ id: string }>()
    }
    const first = await post('al_10')
    for (const [action, payload] of [
      ['assign', { engineerId: 'eng-li' }],
      ['accept', {}],
      ['start', {}],
      ['resolve', { code: 'cleaned', firstVisitFix: true, note: 'strainer' }],
      ['close', {}]
    ] as const) {
      expect((await brief.inject({ method: 'POST', url: `/api/v1/work-orders/${first.id}/${action}`, headers: { authorization: `Bearer ${token}` }, payload })).statusCode).toBe(200)
    }
    // The 1 ms window has passed by the next request: new work, the closed order left alone.
    const second = await post('al_11')
    expect(second.id).not.toBe(first.id)
    expect((await new WorkOrderRepository(redis.redis, redis.keys).get(first.id))?.status).toBe('closed')
    await brief.close()
  })
})
