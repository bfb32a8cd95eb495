import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { encodeLine } from '../../../core/influx/line-protocol.js'
import { rollupDatabase } from '../../../core/influx/rollups.js'
import { DirtyMinutes } from '../../../ingest/rollups/dirty-minutes.js'
import { runRollups } from '../../../ingest/rollups/rollup-job.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import { verifyPassword } from '../../../core/auth/password-hash.js'
import type { DeviceContext } from '../../../core/registry/device-directory.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const NOW = Date.parse('2026-11-30T08:00:00.000Z')

describe('REST API against real Redis and InfluxDB', () => {
  let redis: TestRedis
  let influx: InfluxStore
  let app: FastifyInstance
  let device: DeviceContext
  let deadLetters: DeadLetterStore
  let registry: RegistryStore
  let rollups: InfluxStore
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    influx = await testInflux()
    registry = new RegistryStore(redis.redis, redis.keys)
    deadLetters = new DeadLetterStore(redis.redis, redis.keys, 100)
    device = await registerPump(registry)
    await registerPump(registry, { ...PUMP, id: 'e1', type: 'elevator', name: 'Lift 1' })
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    for (const role of ['admin', 'manager', 'service', 'requester'] as const) token[role] = await tokens.issue({ name: `test-${role}`, role })
    rollups = influx.forDatabase(rollupDatabase(influx.database))
    await rollups.ensureDatabase()
    app = await buildApp({ redis: redis.redis, keys: redis.keys, influx, rollups, registry, alerts: new AlertStore(redis.redis, redis.keys), tokens, deadLetters, logger: testLogger(), now: () => NOW })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const as = (role: string) => ({ authorization: `Bearer ${token[role] ?? ''}` })

  describe('health and docs', () => {
    it('answers /healthz and /readyz without a token', async () => {
      expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' })
      expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' })
    })

    it('publishes an OpenAPI 3.1 document describing every route', async () => {
      const doc = (await app.inject('/docs/json')).json<{ openapi: string; paths: Record<string, unknown> }>()
      expect(doc.openapi).toBe('3.1.0')
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/equipment', '/api/v1/equipment/{id}/telemetry', '/api/v1/alerts', '/api/v1/work-orders', '/api/v1/work-orders/{id}'])
      )
      expect((await app.inject('/docs')).statusCode).toBeLessThan(400)
    })
  })

  describe('metrics', () => {
    it('serves Prometheus metrics to operators, counting requests by route template', async () => {
      await app.inject({ url: '/api/v1/equipment/p1', headers: as('manager') })
      expect((await app.inject('/metrics')).statusCode).toBe(401)
      const response = await app.inject({ url: '/metrics', headers: as('manager') })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toMatch(/^text\/plain/)
      expect(response.body).toMatch(/vigil_api_requests_total\{[^}]*method="GET",route="\/api\/v1\/equipment\/:id",status="200"[^}]*\} 1/)
      expect(response.body).toContain('process_cpu_seconds_total')
    })
  })

  describe('authentication', () => {
    it('answers 401 problem+json without a valid bearer token', async () => {
      for (const headers of [{}, { authorization: 'Bearer vgl_nope' }, { authorization: 'Basic abc' }]) {
        const response = await app.inject({ url: '/api/v1/equipment', headers })
        expect(response.statusCode).toBe(401)
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
        expect(response.json()).toMatchObject({ type: 'urn:vigil:problem:unauthorized', status: 401 })
      }
    })

    it('answers 403 naming the allowed roles when the role may not', async () => {
      const response = await app.inject({ url: '/api/v1/work-orders', headers: as('requester') })
      expect(response.statusCode).toBe(403)
      expect(response.json<{ detail: string }>().detail).toMatch(/role requester may not GET .* allowed: admin, manager, engineer, service/)
    })
  })

  describe('equipment and telemetry', () => {
    it('lists equipment, filtered by type', async () => {
      const all = (await app.inject({ url: '/api/v1/equipment', headers: as('manager') })).json<{ items: { id: string }[] }>()
      expect(all.items.map((e) => e.id)).toEqual(['e1', 'p1'])
      const pumps = (await app.inject({ url: '/api/v1/equipment?type=pump', headers: as('manager') })).json<{ items: { id: string }[] }>()
      expect(pumps.items.map((e) => e.id)).toEqual(['p1'])
    })

    it('returns a downsampled trend, from the rollups where the buckets allow and raw readings for the freshest minutes', async () => {
      const start = NOW - 10 * 60_000
      const lines = Array.from({ length: 120 }, (_, i) => encodeLine(device.telemetrySeriesKey, { bearing_temp_c: 50 + i * 0.25 }, start + i * 5000))
      await influx.writeLines(lines)
      const dirty = new DirtyMinutes(redis.redis, redis.keys.rollupDirtyMinutes, () => NOW)
      await dirty.mark(Array.from({ length: 10 }, (_, i) => start + i * 60_000))
      await runRollups({ raw: influx, rollups, dirty, quietMs: 0, now: () => NOW })
      const trend = async (every: string) => {
        const response = await app.inject({ url: `/api/v1/equipment/p1/telemetry?metric=bearing_temp_c&from=${new Date(start).toISOString()}&to=${NOW}&every=${every}`, headers: as('manager') })
        expect(response.statusCode).toBe(200)
        return response.json<{ unit: string; everyMs: number; resolution: string; points: { ts: string; mean: number; min: number; max: number; count: number }[] }>()
      }
      const minutes = await trend('1m')
      expect(minutes).toMatchObject({ unit: '°C', everyMs: 60_000, resolution: '1m' })
      expect(minutes.points).toHaveLength(10)
      expect(minutes.points[0]).toEqual({ ts: new Date(start).toISOString(), mean: 51.375, min: 50, max: 52.75, count: 12 })
      expect(minutes.points[9]).toMatchObject({ min: 77, max: 79.75, count: 12 })
      // The same answer read from raw readings only.
      const raw = await trend('30s')
      expect(raw.resolution).toBe('raw')
      expect(raw.points).toHaveLength(20)
      expect(raw.points[0]).toEqual({ ts: new Date(start).toISOString(), mean: 50.625, min: 50, max: 51.25, count: 6 })
      const fiveMinutes = await trend('5m')
      expect(fiveMinutes.resolution).toBe('1m')
      expect(fiveMinutes.points.map((p) => [p.count, p.mean])).toEqual([
        [60, 57.375],
        [60, 72.375]
      ])
    })

    it('names the bad query field in a 400 problem', async () => {
      const response = await app.inject({ url: '/api/v1/equipment/p1/telemetry?metric=Bad%20Name', headers: as('manager') })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ status: 400, errors: [{ field: 'querystring.metric' }] })
      const missing = await app.inject({ url: '/api/v1/equipment/p1/telemetry', headers: as('manager') })
      expect(missing.json()).toMatchObject({ errors: [{ field: 'querystring.metric', message: expect.stringContaining('required') as unknown }] })
    })

    it('answers 404 for equipment that does not exist', async () => {
      const response = await app.inject({ url: '/api/v1/equipment/nope/telemetry?metric=a', headers: as('manager') })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toMatchObject({ type: 'urn:vigil:problem:not-found', detail: 'equipment nope does not exist' })
    })
  })

  describe('work orders', () => {
    const post = (body: unknown, key?: string, role = 'service') =>
      app.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { ...as(role), ...(key === undefined ? {} : { 'idempotency-key': key }) }, payload: body as object })

    it('opens a work order with its response deadline from the priority', async () => {
      const response = await post({ equipmentId: 'e1', title: 'Door squeaks', priority: 'normal' }, undefined, 'requester')
      expect(response.statusCode).toBe(201)
      const workOrder = response.json<{ id: string }>()
      expect(response.headers.location).toBe(`/api/v1/work-orders/${workOrder.id}`)
      expect(workOrder).toMatchObject({ equipmentId: 'e1', siteId: 's1', status: 'open', source: { kind: 'manual' }, createdBy: 'test-requester', createdAt: new Date(NOW).toISOString(), responseDueAt: new Date(NOW + 2 * 3600_000).toISOString() })
      expect((await app.inject({ url: `/api/v1/work-orders/${workOrder.id}`, headers: as('manager') })).json()).toEqual(workOrder)
    })

    it('gives back the first result for a repeated Idempotency-Key, and 409 for the same key with another body', async () => {
      const body = { equipmentId: 'e1', title: 'Annual inspection', priority: 'low' }
      const first = await post(body, 'inspect-e1-2026')
      const again = await post(body, 'inspect-e1-2026')
      expect(first.statusCode).toBe(201)
      expect(again.statusCode).toBe(200)
      expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id)
      const changed = await post({ ...body, priority: 'urgent' }, 'inspect-e1-2026')
      expect(changed.statusCode).toBe(409)
      expect(changed.json()).toMatchObject({ type: 'urn:vigil:problem:conflict', detail: expect.stringContaining('inspect-e1-2026') as unknown })
    })

    it('opens exactly one work order when the same request races', async () => {
      const body = { equipmentId: 'e1', title: 'Race', priority: 'normal' }
      const responses = await Promise.all(Array.from({ length: 10 }, () => post(body, 'race-key')))
      const ids = new Set(responses.map((r) => r.json<{ id: string }>().id))
      expect(ids.size).toBe(1)
      expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1)
    })

    it('joins a second alert of the same equipment to its active work order, raising the priority', async () => {
      const vibration = await post({ equipmentId: 'p1', title: 'Vibration rising', priority: 'normal', source: { kind: 'alert', alertId: 'al_1', ruleId: 'vibration-rise' } }, 'alert-al_1')
      const bearing = await post({ equipmentId: 'p1', title: 'Bearing overheating', priority: 'urgent', source: { kind: 'alert', alertId: 'al_2', ruleId: 'bearing-overheat' } }, 'alert-al_2')
      expect(vibration.statusCode).toBe(201)
      expect(bearing.statusCode).toBe(200)
      expect(bearing.headers['x-vigil-outcome']).toBe('joined')
      const joined = bearing.json<{ id: string; priority: string; responseDueAt: string; description: string; source: unknown }>()
      expect(joined.id).toBe(vibration.json<{ id: string }>().id)
      expect(joined).toMatchObject({
        priority: 'urgent',
        responseDueAt: new Date(NOW + 30 * 60_000).toISOString(),
        source: { kind: 'alert', alertIds: ['al_1', 'al_2'], ruleIds: ['vibration-rise', 'bearing-overheat'] }
      })
      expect(joined.description).toContain('Bearing overheating')
      const forPump = (await app.inject({ url: '/api/v1/work-orders?equipmentId=p1', headers: as('manager') })).json<{ items: unknown[] }>()
      expect(forPump.items).toHaveLength(1)
      // A retry of the second alert's job replays the join, it does not add anything.
      const retried = await post({ equipmentId: 'p1', title: 'Bearing overheating', priority: 'urgent', source: { kind: 'alert', alertId: 'al_2', ruleId: 'bearing-overheat' } }, 'alert-al_2')
      expect(retried.json<{ source: { alertIds: string[] } }>().source.alertIds).toEqual(['al_1', 'al_2'])
    })

    it.each([
      [{ title: 'x', priority: 'normal' }, 'body.equipmentId', 'required'],
      [{ equipmentId: 'p1', priority: 'normal' }, 'body.title', 'required'],
      [{ equipmentId: 'p1', title: 'x', priority: 'soon' }, 'body.priority', ''],
      [{ equipmentId: 'p1', title: 'x', priority: 'normal', colour: 'red' }, 'body.colour', 'is not a known field'],
      [{ equipmentId: 'nope', title: 'x', priority: 'normal' }, 'body.equipmentId', 'not in the registry']
    ])('names the bad field of %j', async (body, field, message) => {
      const response = await post(body)
      expect(response.statusCode).toBe(400)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      const problem = response.json<{ errors: { field: string; message: string }[]; detail: string }>()
      expect(problem.errors[0]?.field).toBe(field)
      expect(problem.errors[0]?.message).toContain(message)
      expect(problem.detail).toContain(field)
    })

    it('answers 404 problem for an unknown work order and route', async () => {
      expect((await app.inject({ url: '/api/v1/work-orders/WO-999999', headers: as('manager') })).statusCode).toBe(404)
      const route = await app.inject({ url: '/api/v2/nothing' })
      expect(route.statusCode).toBe(404)
      expect(route.json()).toMatchObject({ type: 'urn:vigil:problem:not-found' })
    })
  })

  describe('dead letters', () => {
    const letter = (payload: string, reason: 'bad_metric' | 'unknown_device' | 'not_authorized' | 'ts_in_future', topic = device.telemetryTopic) =>
      deadLetters.record({ reason, detail: 'test', topic, clientId: device.device.id, payload: Buffer.from(payload) })

    it('lists, filters and shows dead letters to operators only', async () => {
      await letter(`{"ts":${NOW},"metrics":{"a":"x"}}`, 'bad_metric')
      await letter('\u0000binary', 'ts_in_future')
      const all = (await app.inject({ url: '/api/v1/dead-letters', headers: as('manager') })).json<{ items: { id: string; reason: string }[] }>()
      expect(all.items.map((l) => l.reason).slice(0, 2)).toEqual(['ts_in_future', 'bad_metric'])
      const filtered = (await app.inject({ url: '/api/v1/dead-letters?reason=bad_metric', headers: as('manager') })).json<{ items: { id: string; payload: string }[] }>()
      expect(filtered.items.every((l) => l.payload.includes('"a":"x"'))).toBe(true)
      const one = await app.inject({ url: `/api/v1/dead-letters/${filtered.items[0]?.id ?? ''}`, headers: as('manager') })
      expect(one.json()).toMatchObject({ reason: 'bad_metric', topic: device.telemetryTopic, clientId: device.device.id })
      expect((await app.inject({ url: '/api/v1/dead-letters', headers: as('service') })).statusCode).toBe(403)
      expect((await app.inject({ url: '/api/v1/dead-letters/counts', headers: as('manager') })).json()).toMatchObject({ bad_metric: 1, ts_in_future: 1 })
    })

    it('replays a dead letter once what made it fail is fixed, and keeps it while it still fails', async () => {
      const ts = NOW - 60_000
      // Recorded while the device was unknown; the device now exists (registered in beforeAll).
      await letter(JSON.stringify({ ts, metrics: { vibration_mm_s: 2.75 } }), 'unknown_device')
      const [stored] = (await app.inject({ url: '/api/v1/dead-letters?reason=unknown_device', headers: as('manager') })).json<{ items: { id: string }[] }>().items
      const replay = await app.inject({ method: 'POST', url: `/api/v1/dead-letters/${stored?.id ?? ''}/replay`, headers: as('manager') })
      expect(replay.statusCode).toBe(200)
      expect(replay.json()).toEqual({ id: stored?.id, outcome: 'stored', points: 1 })
      const [series] = await influx.query(`SELECT "vibration_mm_s" FROM "telemetry" WHERE time = ${ts}ms`)
      expect(series?.values).toEqual([[ts, 2.75]])
      expect((await app.inject({ url: `/api/v1/dead-letters/${stored?.id ?? ''}`, headers: as('manager') })).statusCode).toBe(404)
      expect((await deadLetters.counts()).replayed).toBe(1)

      const [bad] = (await app.inject({ url: '/api/v1/dead-letters?reason=bad_metric', headers: as('manager') })).json<{ items: { id: string }[] }>().items
      const again = await app.inject({ method: 'POST', url: `/api/v1/dead-letters/${bad?.id ?? ''}/replay`, headers: as('manager') })
      expect(again.statusCode).toBe(422)
      expect(again.json<{ detail: string }>().detail).toMatch(/^bad_metric: metrics\.a: expected a finite number/)
      expect((await app.inject({ url: `/api/v1/dead-letters/${bad?.id ?? ''}`, headers: as('manager') })).statusCode).toBe(200)
    })

    it('never replays a publish the broker refused', async () => {
      await letter(JSON.stringify({ ts: NOW - 1000, metrics: { a: 1 } }), 'not_authorized')
      const [refused] = (await app.inject({ url: '/api/v1/dead-letters?reason=not_authorized', headers: as('manager') })).json<{ items: { id: string }[] }>().items
      const replay = await app.inject({ method: 'POST', url: `/api/v1/dead-letters/${refused?.id ?? ''}/replay`, headers: as('admin') })
      expect(replay.statusCode).toBe(422)
      expect(replay.json<{ detail: string }>().detail).toMatch(/^not_replayable: .*forged/)
    })
  })

  describe('devices', () => {
    it('lists devices without their password hashes', async () => {
      const body = (await app.inject({ url: '/api/v1/devices?equipmentId=p1', headers: as('manager') })).json<{ items: Record<string, unknown>[] }>()
      expect(body.items).toEqual([{ id: 'p1-gw', equipmentId: 'p1', siteId: 's1', buildingId: 'b1', equipmentType: 'pump' }])
    })

    it("rotates a device's password: shown once, stored hashed, admin only", async () => {
      expect((await app.inject({ method: 'POST', url: '/api/v1/devices/p1-gw/credentials', headers: as('manager') })).statusCode).toBe(403)
      const response = await app.inject({ method: 'POST', url: '/api/v1/devices/p1-gw/credentials', headers: as('admin') })
      expect(response.statusCode).toBe(201)
      expect(response.headers['cache-control']).toBe('no-store')
      const { password, username } = response.json<{ password: string; username: string }>()
      expect(username).toBe('p1-gw')
      expect(password.length).toBeGreaterThanOrEqual(32)
      const stored = await registry.getDevice('p1-gw')
      expect(stored?.passwordHash).toMatch(/^scrypt\$/)
      expect(stored?.passwordHash).not.toContain(password)
      expect(await verifyPassword(password, stored?.passwordHash ?? '')).toBe(true)
      expect((await app.inject({ method: 'POST', url: '/api/v1/devices/nope/credentials', headers: as('admin') })).statusCode).toBe(404)
    })
  })
})
