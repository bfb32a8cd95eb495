import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../../api/app.js'
import { AlertEventLog } from '../../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../../core/auth/api-tokens.js'
import type { ApiRole } from '../../../../core/auth/api-tokens.js'
import { alertEvent } from '../../../../core/domain/alert.js'
import { EngineerStore } from '../../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../../helpers/team-fixture.js'
import { testApiDeps } from '../../../helpers/test-api.js'
import { testRedis } from '../../../helpers/test-services.js'
import type { TestRedis } from '../../../helpers/test-services.js'
import { SseReader } from '../../../helpers/sse-reader.js'

describe('the live stream GET /api/v1/events, filtered by role', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let url: string
  const token: Record<string, string> = {}
  const aborts: AbortController[] = []

  beforeAll(async () => {
    redis = testRedis()
    await registerPump(new RegistryStore(redis.redis, redis.keys))
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [engineer('eng-li', PUMP.siteId), engineer('eng-wu', PUMP.siteId)])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    const issue = (name: string, role: ApiRole, engineerId?: string) => tokens.issue({ name, role, ...(engineerId === undefined ? {} : { engineerId }) })
    token.manager = await issue('mei', 'manager')
    token.li = await issue('li', 'engineer', 'eng-li')
    token.wu = await issue('wu', 'engineer', 'eng-wu')
    token.requester = await issue('front desk', 'requester')
    app = await buildApp({ ...(await testApiDeps(redis)), autoDispatch: false })
    url = await app.listen({ host: '127.0.0.1', port: 0 })
  })
  afterAll(async () => {
    for (const abort of aborts) abort.abort()
    await app.close()
    await redis.close()
  })

  const open = async (who: string, headers: Record<string, string> = {}) => {
    const abort = new AbortController()
    aborts.push(abort)
    const response = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token[who] ?? ''}`, ...headers }, signal: abort.signal })
    return { response, abort }
  }
  const act = async (path: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${token.manager ?? ''}` }, payload })
    expect(response.statusCode, response.body).toBeLessThan(300)
    return response.json<{ id: string }>()
  }

  it('shows managers everything, engineers their own and unassigned work, and refuses requesters', async () => {
    expect((await open('requester')).response.status).toBe(403)
    const readers = new Map<string, SseReader>()
    for (const who of ['manager', 'li', 'wu']) {
      const { response } = await open(who)
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const reader = new SseReader(response)
      await reader.comment() // connected: only what happens from now on
      readers.set(who, reader)
    }

    const forLi = await act('/api/v1/work-orders', { equipmentId: PUMP.id, title: 'For Li', priority: 'normal' })
    await act(`/api/v1/work-orders/${forLi.id}/assign`, { engineerId: 'eng-li' })
    // A second pump: the first one's active work would otherwise be the same order.
    await registerPump(new RegistryStore(redis.redis, redis.keys), { ...PUMP, id: 'p2', name: 'Booster pump 2' })
    const forWu = await act('/api/v1/work-orders', { equipmentId: 'p2', title: 'For Wu', priority: 'normal' })
    await act(`/api/v1/work-orders/${forWu.id}/assign`, { engineerId: 'eng-wu' })
    // Every staff member sees alerts: the last event, so each reader knows it has seen everything.
    const alert = await new AlertStore(redis.redis, redis.keys).open({
      equipmentId: PUMP.id,
      equipmentType: PUMP.type,
      siteId: PUMP.siteId,
      buildingId: PUMP.buildingId,
      ruleId: 'end-marker',
      metric: 'pressure_bar',
      severity: 'warning',
      priority: 'normal',
      openedAt: new Date().toISOString(),
      explanation: { message: 'marker', value: 1, limit: 2 }
    })
    if (alert === undefined) throw new Error('alert not opened')
    await new AlertEventLog(redis.redis, redis.keys).record(alertEvent(alert, 'opened', alert.openedAt, 'marker'))

    const seen = async (who: string) => {
      const events = await (readers.get(who) as SseReader).until((event) => event.event === 'alert')
      return events.map((event) => (event.event === 'alert' ? 'alert' : `${String(event.data.workOrderId)} ${String(event.data.action)}`))
    }
    expect(await seen('manager')).toEqual([`${forLi.id} create`, `${forLi.id} assign`, `${forWu.id} create`, `${forWu.id} assign`, 'alert'])
    // Both see new unassigned work; each sees only their own assignment.
    expect(await seen('li')).toEqual([`${forLi.id} create`, `${forLi.id} assign`, `${forWu.id} create`, 'alert'])
    expect(await seen('wu')).toEqual([`${forLi.id} create`, `${forWu.id} create`, `${forWu.id} assign`, 'alert'])
  })

  it('resumes after Last-Event-ID with exactly what was missed', async () => {
    const { response, abort } = await open('manager')
    const reader = new SseReader(response)
    await reader.comment()
    const first = await act('/api/v1/work-orders', { equipmentId: 'p2', title: 'Resume me', priority: 'low' })
    const created = await reader.event()
    expect(created.data).toMatchObject({ workOrderId: first.id, action: 'create' })
    abort.abort()

    await act(`/api/v1/work-orders/${first.id}/assign`, { engineerId: 'eng-li' })
    await act(`/api/v1/work-orders/${first.id}/cancel`, { note: 'duplicate' })
    const resumed = new SseReader((await open('manager', { 'last-event-id': created.id })).response)
    await resumed.comment()
    expect([(await resumed.event()).data.action, (await resumed.event()).data.action]).toEqual(['assign', 'cancel'])
    expect((await open('manager', { 'last-event-id': 'yesterday' })).response.status).toBe(400)
  })

  it('relays health-score changes to every viewer as they are announced, without moving the resume position', async () => {
    const readers = []
    for (const who of ['manager', 'li']) {
      const reader = new SseReader((await open(who)).response)
      await reader.comment()
      readers.push(reader)
    }
    const announcement = { at: '2026-11-30T08:01:00.000Z', changes: [{ equipmentId: PUMP.id, siteId: PUMP.siteId, score: 42 }] }
    await redis.redis.publish(redis.keys.healthChanged, JSON.stringify(announcement))
    for (const reader of readers) expect(await reader.event()).toEqual({ id: '', event: 'health', data: announcement })
  })
})
