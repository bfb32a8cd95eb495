import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../api/server.js'
import type { RunningApi } from '../../../api/server.js'
import { AlertEventLog } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import type { NewAlert } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import { alertEvent } from '../../../core/domain/alert.js'
import type { Alert } from '../../../core/domain/alert.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'
import { SseReader } from '../../helpers/sse-reader.js'

const draft = (ruleId: string): NewAlert => ({
  equipmentId: PUMP.id,
  equipmentType: PUMP.type,
  siteId: PUMP.siteId,
  buildingId: PUMP.buildingId,
  ruleId,
  metric: 'bearing_temp_c',
  severity: 'critical',
  priority: 'urgent',
  openedAt: '2026-11-30T08:00:00.000Z',
  explanation: { message: 'hot', value: 90, limit: 80 }
})

describe('acting on alerts, maintenance windows and the live stream, through the API', () => {
  let redis: TestRedis
  let api: RunningApi
  let alerts: AlertStore
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    for (const role of ['manager', 'engineer', 'requester'] as const) token[role] = await tokens.issue({ name: `ana-${role}`, role })
    alerts = new AlertStore(redis.redis, redis.keys)
    api = await startApiServer(
      { redis: redis.redis, keys: redis.keys, influx: await testInflux(), registry, alerts, tokens, deadLetters: new DeadLetterStore(redis.redis, redis.keys, 10), logger: testLogger() },
      { host: '127.0.0.1', port: 0 }
    )
  })
  afterAll(async () => {
    await api.close()
    await redis.close()
  })

  /** One request, its body read in full (an unread body keeps the connection busy and the server's close() waiting). */
  const call = async (method: string, path: string, role: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token[role] ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body)
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: (): Promise<unknown> => Promise.resolve(text === '' ? undefined : JSON.parse(text)) }
  }

  it('acknowledges an open alert once, naming who, and refuses to close it before it has resolved', async () => {
    const alert = (await alerts.open(draft('ack-close'))) as Alert
    const acknowledged = await call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, 'engineer')
    expect(acknowledged.status).toBe(200)
    expect(await acknowledged.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana-engineer' })

    const again = await call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, 'engineer')
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(((await again.json()) as { detail: string }).detail).toMatch(/it is acknowledged; only an alert that is open/)
    expect((await call('POST', `/api/v1/alerts/${alert.id}/close`, 'manager')).status).toBe(409)

    await alerts.resolve(PUMP.id, 'ack-close', '2026-11-30T09:00:00.000Z')
    const closed = await call('POST', `/api/v1/alerts/${alert.id}/close`, 'manager')
    expect(await closed.json()).toMatchObject({ status: 'closed', closedBy: 'ana-manager', acknowledgedBy: 'ana-engineer', resolvedAt: '2026-11-30T09:00:00.000Z' })
    const logged = (await new AlertEventLog(redis.redis, redis.keys).read('0', 100)).map(({ event }) => `${event.kind} ${event.by ?? ''}`)
    expect(logged).toEqual(expect.arrayContaining(['acknowledged ana-engineer', 'closed ana-manager']))
  })

  it('answers 404 for an unknown alert and 403 for an occupant', async () => {
    expect((await call('POST', '/api/v1/alerts/al_nope/acknowledge', 'engineer')).status).toBe(404)
    const alert = (await alerts.open(draft('forbidden'))) as Alert
    expect((await call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, 'requester')).status).toBe(403)
  })

  it('plans, lists and cancels maintenance windows, naming the bad field', async () => {
    const bad = await call('POST', `/api/v1/equipment/${PUMP.id}/maintenance-windows`, 'manager', { reason: 'test run', startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T09:00:00Z' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'body.endsAt', message: 'endsAt must be after startsAt' }] })
    expect((await call('POST', '/api/v1/equipment/nope/maintenance-windows', 'manager', { reason: 'x', startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T11:00:00Z' })).status).toBe(404)
    expect((await call('POST', `/api/v1/equipment/${PUMP.id}/maintenance-windows`, 'engineer', { reason: 'x', startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T11:00:00Z' })).status).toBe(403)

    const created = await call('POST', `/api/v1/equipment/${PUMP.id}/maintenance-windows`, 'manager', { reason: 'weekly fire-pump test run', startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T10:30:00Z', weekly: true })
    expect(created.status).toBe(201)
    const window = (await created.json()) as { id: string }
    const listed = (await (await call('GET', `/api/v1/equipment/${PUMP.id}/maintenance-windows`, 'engineer')).json()) as { items: unknown[] }
    expect(listed.items).toEqual([{ id: window.id, equipmentId: PUMP.id, reason: 'weekly fire-pump test run', startsAt: '2026-12-07T10:00:00.000Z', endsAt: '2026-12-07T10:30:00.000Z', weekly: true }])
    expect((await call('DELETE', `/api/v1/equipment/${PUMP.id}/maintenance-windows/${window.id}`, 'manager')).status).toBe(204)
    expect((await call('DELETE', `/api/v1/equipment/${PUMP.id}/maintenance-windows/${window.id}`, 'manager')).status).toBe(404)
  })

  it('streams alert events live, and resumes after Last-Event-ID with exactly what was missed', async () => {
    const bad = await call('GET', '/api/v1/alerts/events?after=yesterday', 'engineer')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'querystring.after' }] })
    const log = new AlertEventLog(redis.redis, redis.keys)
    const alert = (await alerts.open(draft('streamed'))) as Alert
    const abort = new AbortController()
    const response = await fetch(`${api.url}/api/v1/alerts/events`, { headers: { authorization: `Bearer ${token.engineer ?? ''}` }, signal: abort.signal })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = new SseReader(response)
    await reader.comment() // connected: only events from now on
    await log.record(alertEvent(alert, 'opened', alert.openedAt, 'hot'))
    const first = await reader.event()
    expect(first.data).toMatchObject({ kind: 'opened', alertId: alert.id, ruleId: 'streamed' })
    abort.abort()

    await log.record(alertEvent(alert, 'acknowledged', alert.openedAt, 'acknowledged by ana', 'ana'))
    await log.record(alertEvent(alert, 'resolved', alert.openedAt, 'clear'))
    const resumeAbort = new AbortController()
    const resumed = new SseReader(await fetch(`${api.url}/api/v1/alerts/events`, { headers: { authorization: `Bearer ${token.engineer ?? ''}`, 'last-event-id': first.id }, signal: resumeAbort.signal }))
    await resumed.comment()
    expect([(await resumed.event()).data, (await resumed.event()).data].map((e) => (e as { kind: string }).kind)).toEqual(['acknowledged', 'resolved'])
    resumeAbort.abort()

  })
})
