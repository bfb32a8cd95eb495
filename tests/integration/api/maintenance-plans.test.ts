import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { MeterReadings } from '../../../api/maintenance/meter-readings.js'
import { PlanScheduler } from '../../../api/maintenance/plan-scheduler.js'
import { WorkOrderRepository } from '../../../api/work-orders/work-order.repository.js'
import { WorkOrderService } from '../../../api/work-orders/work-order.service.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { encodeLine } from '../../../core/influx/line-protocol.js'
import { PlanStore } from '../../../core/maintenance/plan-store.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { registerPump } from '../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const HOUR = 3_600_000
// The InfluxDB of the test run is shared: equipment of this file has ids nobody else uses.
const RUN = randomBytes(3).toString('hex')
const FIRE: Equipment = { id: `mp-fire-${RUN}`, siteId: 'mp-site', buildingId: 'mp-b', type: 'fire_system', name: 'Sprinkler system', location: 'Pump room' }
const PUMP: Equipment = { id: `mp-pump-${RUN}`, siteId: 'mp-site', buildingId: 'mp-b', type: 'pump', name: 'Booster pump', location: 'Basement' }

interface PlanBody {
  id: string
  occurrences: number
  next?: { dueAt: string; by: string; projected: boolean; dueNow: boolean }
  meterReading?: number
}
interface WorkOrderBody {
  id: string
  status: string
  kind: string
  source: { kind: string; planId?: string; occurrence?: number }
  description: string
  checklist?: { id: string; result?: { passed: boolean } }[]
  assigneeId?: string
  photos?: { id: string }[]
}

describe('maintenance plans: calendar and meter occurrences, exactly once, with checklists', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let influx: InfluxStore
  let now = Date.parse('2026-12-07T01:00:00Z')
  let pumpSeries = ''
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    influx = await testInflux()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry, FIRE, `${FIRE.id}-gw`)
    pumpSeries = (await registerPump(registry, PUMP, `${PUMP.id}-gw`)).telemetrySeriesKey
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [
      engineer('eng-li', FIRE.siteId, { skills: ['pump', 'fire_system'], certificates: [{ equipmentType: 'fire_system', number: 'FS-1', expiresAt: '2030-12-31' }] })
    ])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.li = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, influx, now: () => now }))
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const call = async (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token[who] ?? ''}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }
  /** A scheduler as a freshly started API process would build it: all its state is in Redis. */
  const freshScheduler = () => {
    const workOrders = new WorkOrderRepository(redis.redis, redis.keys)
    const service = new WorkOrderService({ workOrders, registry: new RegistryStore(redis.redis, redis.keys), now: () => now })
    return new PlanScheduler({ plans: new PlanStore(redis.redis, redis.keys), meters: new MeterReadings(influx), workOrders: service, logger: testLogger(), now: () => now })
  }
  const planWorkOrders = async (planId: string) =>
    ((await call('manager', 'GET', '/api/v1/work-orders?limit=1000')).body.items as WorkOrderBody[]).filter((wo) => wo.source.kind === 'plan' && wo.source.planId === planId).sort((a, b) => (a.source.occurrence ?? 0) - (b.source.occurrence ?? 0))

  it('opens one work order per calendar period, also across a restart and a crash half-way', async () => {
    now = Date.parse('2026-12-07T01:00:00Z')
    const created = await call('manager', 'POST', '/api/v1/maintenance-plans', { id: 'fire-monthly', equipmentId: FIRE.id, title: 'Monthly fire-pump test run', calendar: { every: 1, unit: 'months' }, startsAt: '2026-12-07T02:00:00.000Z', templateId: 'fire-pump-monthly-test' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ occurrences: 0, next: { dueAt: '2026-12-07T02:00:00.000Z', by: 'calendar', dueNow: false } })

    expect(await freshScheduler().sweep()).toEqual([])
    now = Date.parse('2026-12-07T02:00:30Z')
    const [first] = await freshScheduler().sweep()
    expect(first).toBeDefined()
    // A restart: another scheduler, the same moment, nothing new.
    expect(await freshScheduler().sweep()).toEqual([])
    const orders = await planWorkOrders('fire-monthly')
    expect(orders).toHaveLength(1)
    expect(orders[0]).toMatchObject({ id: first, kind: 'preventive', source: { occurrence: 1 } })
    expect(orders[0]?.description).toContain('due by the calendar on 2026-12-07 (every 1 months)')
    expect(orders[0]?.checklist?.map((step) => step.id)).toEqual(['auto-start', 'churn-pressure', 'run-time', 'jockey-pump', 'controller-alarms', 'tank-level', 'valves'])

    // A crash after the work order was opened but before the plan moved on: the next pass opens the same one again.
    const plans = new PlanStore(redis.redis, redis.keys)
    const progress = await plans.progress('fire-monthly')
    await redis.redis.set(redis.keys.maintenancePlanProgress('fire-monthly'), JSON.stringify({ occurrences: 0, pending: { occurrence: 1, by: 'calendar', dueAt: '2026-12-07T02:00:00.000Z', reason: 'due by the calendar on 2026-12-07 (every 1 months)' } }))
    expect(await freshScheduler().sweep()).toEqual([first])
    expect(await plans.progress('fire-monthly')).toEqual(progress)
    expect(await planWorkOrders('fire-monthly')).toHaveLength(1)

    // The next month's occurrence, once.
    expect(((await call('manager', 'GET', '/api/v1/maintenance-plans/fire-monthly')).body as unknown as PlanBody).next).toMatchObject({ dueAt: '2027-01-07T02:00:00.000Z', by: 'calendar' })
    now = Date.parse('2027-01-07T02:01:00Z')
    await Promise.all([freshScheduler().sweep(), freshScheduler().sweep()])
    expect((await planWorkOrders('fire-monthly')).map((wo) => wo.source.occurrence)).toEqual([1, 2])
  })

  it('opens one work order when the run-hour meter passes its mark, and projects the date before that', async () => {
    now = Date.now()
    const reading = (hours: number, atMs: number) => influx.writeLines([encodeLine(pumpSeries, { run_hours_total: hours }, atMs)])
    await reading(5_000, now - 48 * HOUR)
    await reading(5_040, now - 8 * HOUR)
    const created = await call('manager', 'POST', '/api/v1/maintenance-plans', { id: 'pump-hours', equipmentId: PUMP.id, title: 'Booster pump service', meter: { metric: 'run_hours_total', every: 100 }, templateId: 'pump-quarterly-service' })
    expect(created.status).toBe(201)
    // Counting starts at 5,040; 40 h in 40 h of clock: the mark (5,140) is 100 h away.
    const projected = created.body as unknown as PlanBody
    expect(projected).toMatchObject({ meterReading: 5_040, next: { by: 'meter', projected: true, dueNow: false } })
    expect(Math.abs(Date.parse(projected.next?.dueAt ?? '') - (now + 100 * HOUR))).toBeLessThan(60_000)

    expect(await freshScheduler().sweep()).toEqual([])
    await reading(5_139, now - HOUR)
    expect(await freshScheduler().sweep()).toEqual([])
    await reading(5_141, now)
    const opened = await freshScheduler().sweep()
    expect(opened).toHaveLength(1)
    expect(await freshScheduler().sweep()).toEqual([])
    const [order] = await planWorkOrders('pump-hours')
    expect(order?.description).toContain('due by use: run_hours_total reached 5,140 (every 100 from 5,040)')
    expect(((await call('manager', 'GET', '/api/v1/maintenance-plans/pump-hours')).body as unknown as PlanBody)).toMatchObject({ occurrences: 1, next: { by: 'meter' } })
  })

  it('refuses to resolve until every checklist step is recorded, a photo where the step needs one', async () => {
    const [order] = await planWorkOrders('fire-monthly')
    const id = order?.id ?? ''
    // The scheduler here has no dispatch: li takes the unassigned work, as an engineer may.
    expect((await call('li', 'POST', `/api/v1/work-orders/${id}/assign`, { engineerId: 'eng-li' })).status).toBe(200)
    expect((await call('li', 'POST', `/api/v1/work-orders/${id}/accept`)).status).toBe(200)
    expect((await call('li', 'POST', `/api/v1/work-orders/${id}/start`)).status).toBe(200)
    const early = await call('li', 'POST', `/api/v1/work-orders/${id}/resolve`, { code: 'adjusted', firstVisitFix: true, note: 'done' })
    expect(early.status).toBe(409)
    expect(early.body.detail).toMatch(/missing: auto-start, churn-pressure, run-time, jockey-pump, controller-alarms, tank-level, valves/)

    const noPhoto = await call('li', 'PUT', `/api/v1/work-orders/${id}/checklist/churn-pressure`, { value: 8.4 })
    expect(noPhoto).toMatchObject({ status: 400, body: { errors: [{ field: 'body.photoId' }] } })
    expect((await call('li', 'PUT', `/api/v1/work-orders/${id}/checklist/no-such-step`, { passed: true })).status).toBe(404)

    const form = new FormData()
    form.append('photo', new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' }), 'gauge.png')
    const request = new Request('http://vigil.test/upload', { method: 'POST', body: form })
    const upload = await app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/photos`, headers: { authorization: `Bearer ${token.li ?? ''}`, 'content-type': request.headers.get('content-type') ?? '' }, payload: Buffer.from(await request.arrayBuffer()) })
    expect(upload.statusCode).toBe(201)
    const photoId = upload.json<{ id: string }>().id

    const steps: [string, Record<string, unknown>][] = [
      ['auto-start', { passed: true }],
      ['churn-pressure', { value: 8.4, photoId }],
      ['run-time', { value: 10 }],
      ['jockey-pump', { passed: true }],
      ['controller-alarms', { passed: true }],
      ['tank-level', { value: 87, note: 'refill requested' }]
    ]
    for (const [step, entry] of steps) expect((await call('li', 'PUT', `/api/v1/work-orders/${id}/checklist/${step}`, entry)).status, step).toBe(200)
    const stillMissing = await call('li', 'POST', `/api/v1/work-orders/${id}/resolve`, { code: 'adjusted', firstVisitFix: true, note: 'done' })
    expect(stillMissing.body.detail).toMatch(/missing: valves$/)
    await call('li', 'PUT', `/api/v1/work-orders/${id}/checklist/valves`, { passed: true })

    const resolved = await call('li', 'POST', `/api/v1/work-orders/${id}/resolve`, { code: 'adjusted', firstVisitFix: true, note: 'test run done; tank low' })
    expect(resolved.status).toBe(200)
    const checklist = (resolved.body as unknown as WorkOrderBody).checklist ?? []
    expect(checklist.every((step) => step.result !== undefined)).toBe(true)
    // 87 % is under the step's 90 % minimum: recorded, and failed.
    expect(checklist.find((step) => step.id === 'tank-level')?.result).toMatchObject({ passed: false })
  })
})
