import { QueueEvents } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../api/server.js'
import type { RunningApi } from '../../../api/server.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import { openApiClient } from '../../helpers/openapi-client.js'
import type { OpenApiClient } from '../../helpers/openapi-client.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { redisUrl, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

// Monday 2026-12-07 10:00 in Shanghai: the example engineer is on shift.
const NOW = Date.parse('2026-12-07T02:00:00Z')
const POLICY = { responseMinutes: { urgent: 30, normal: 120, low: 1440 }, verificationWindowMs: 72 * 3_600_000, ratingLinkMs: 48 * 3_600_000, dispatchSweepMs: 60_000, planSweepMs: 100 }

interface WorkOrderBody {
  id: string
  status: string
  checklist: { id: string; kind: string; photoRequired?: boolean; min?: number; max?: number }[]
}

/**
 * A manager with only the OpenAPI page plans a site's inspections; an engineer completes one
 * with its checklist. Bodies start from the document's examples.
 */
describe('a new user plans the inspections of a site with only the OpenAPI page', () => {
  let redis: TestRedis
  let api: RunningApi
  let client: OpenApiClient
  let admin = ''
  let sweeps: QueueEvents

  beforeAll(async () => {
    redis = testRedis()
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    admin = await tokens.issue({ name: 'first admin', role: 'admin' })
    // The scheduler runs for real (BullMQ), every 100 ms here.
    api = await startApiServer(await testApiDeps(redis, { tokens, now: () => NOW, jobs: true, workOrderPolicy: POLICY }), { host: '127.0.0.1', port: 0 })
    client = await openApiClient(api.url)
    sweeps = new QueueEvents('maintenance-plan-sweep', { connection: createRedis(redisUrl(), 'walkthrough-sweeps'), prefix: redis.keys.bullPrefix })
    await sweeps.waitUntilReady()
  })
  afterAll(async () => {
    await sweeps.close()
    await api.close()
    await redis.close()
  })

  it('creates the annual elevator inspection and the monthly fire-pump test, sees their due dates, and completes the test with its checklist', async () => {
    const { send, exampleBody } = client
    // The site, a building, its fire system and a lift, and an engineer who may work on both.
    expect((await send(admin, 'POST', '/api/v1/sites', {}, exampleBody('POST', '/api/v1/sites'))).status).toBe(201)
    expect((await send(admin, 'POST', '/api/v1/buildings', {}, exampleBody('POST', '/api/v1/buildings'))).status).toBe(201)
    const equipment = exampleBody('POST', '/api/v1/equipment')
    expect((await send(admin, 'POST', '/api/v1/equipment', {}, { ...equipment, id: 'hv-a-fire', type: 'fire_system', name: 'Tower A sprinkler system' })).status).toBe(201)
    expect((await send(admin, 'POST', '/api/v1/equipment', {}, { ...equipment, id: 'hv-a-lift-1', type: 'elevator', name: 'Tower A passenger lift 1' })).status).toBe(201)
    const engineerExample = exampleBody('POST', '/api/v1/engineers')
    const engineer = await send(admin, 'POST', '/api/v1/engineers', {}, {
      ...engineerExample,
      skills: ['elevator', 'fire_system'],
      certificates: [...(engineerExample.certificates as object[]), { equipmentType: 'fire_system', number: 'FS-2025-0771', expiresAt: '2028-12-31' }]
    })
    expect(engineer.status).toBe(201)
    const engineerToken = String((await send(admin, 'POST', '/api/v1/tokens', {}, { ...exampleBody('POST', '/api/v1/tokens'), role: 'engineer', engineerId: engineer.body.id })).body.token)

    // 1. The two plans: the example is the monthly fire-pump test; the inspection is the example changed.
    const templates = (await send(admin, 'GET', '/api/v1/checklist-templates', {})).body.items as { id: string }[]
    expect(templates.map((template) => template.id)).toEqual(expect.arrayContaining(['elevator-annual-inspection', 'fire-pump-monthly-test']))
    const inspection = await send(admin, 'POST', '/api/v1/maintenance-plans', {}, { ...exampleBody('POST', '/api/v1/maintenance-plans'), equipmentId: 'hv-a-lift-1', title: 'Annual elevator inspection', calendar: { every: 12, unit: 'months' }, startsAt: '2027-03-15T01:00:00.000Z', templateId: 'elevator-annual-inspection' })
    expect(inspection.status).toBe(201)
    const firstSweep = new Promise<void>((resolve) => sweeps.on('completed', ({ returnvalue }) => (Array.isArray(returnvalue) && returnvalue.length > 0 ? resolve() : undefined)))
    const test = await send(admin, 'POST', '/api/v1/maintenance-plans', {}, { ...exampleBody('POST', '/api/v1/maintenance-plans'), startsAt: new Date(NOW).toISOString() })
    expect(test.status).toBe(201)

    // 2. Their next due dates.
    const plans = (await send(admin, 'GET', '/api/v1/maintenance-plans', {})).body.items as { title: string; next?: { dueAt: string } }[]
    expect(plans.map((plan) => [plan.title, plan.next?.dueAt])).toEqual(
      expect.arrayContaining([
        ['Annual elevator inspection', '2027-03-15T01:00:00.000Z'],
        ['Monthly fire-pump test run', new Date(NOW).toISOString()]
      ])
    )

    // 3. The test falls due now: the scheduler opens its work order and dispatch gives it to the engineer.
    await firstSweep
    const mine = (await send(engineerToken, 'GET', '/api/v1/work-orders', {})).body.items as WorkOrderBody[]
    expect(mine).toHaveLength(1)
    const workOrder = mine[0] as WorkOrderBody
    const id = { id: workOrder.id }
    expect((await send(engineerToken, 'POST', '/api/v1/work-orders/{id}/accept', id, {})).status).toBe(200)
    expect((await send(engineerToken, 'POST', '/api/v1/work-orders/{id}/start', id, {})).status).toBe(200)

    // 4. The checklist, step by step; the gauge photo first where a step needs one.
    const form = new FormData()
    form.append('photo', new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' }), 'gauge.png')
    const photo = (await (await fetch(`${api.url}/api/v1/work-orders/${workOrder.id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${engineerToken}` }, body: form })).json()) as { id: string }
    for (const step of workOrder.checklist) {
      const entry = step.kind === 'pass_fail' ? { passed: true } : { value: step.min ?? step.max ?? 1 }
      const recorded = await send(engineerToken, 'PUT', '/api/v1/work-orders/{id}/checklist/{step}', { ...id, step: step.id }, { ...entry, ...(step.photoRequired === true ? { photoId: photo.id } : {}) })
      expect(recorded.status, step.id).toBe(200)
    }
    const resolved = await send(engineerToken, 'POST', '/api/v1/work-orders/{id}/resolve', id, exampleBody('POST', '/api/v1/work-orders/{id}/resolve'))
    expect(resolved.body).toMatchObject({ status: 'resolved' })

    // The plan moved on to next month.
    const after = (await send(admin, 'GET', '/api/v1/maintenance-plans/{id}', { id: String(test.body.id) })).body
    expect(after).toMatchObject({ occurrences: 1, lastWorkOrderId: workOrder.id, next: { dueAt: '2027-01-07T02:00:00.000Z', by: 'calendar' } })

    // 5. The month's KPIs and hot spots: one order, answered at once, by the one engineer.
    const kpis = await send(admin, 'GET', '/api/v1/analytics/kpis?month=2026-12', {})
    expect(kpis.status).toBe(200)
    expect(kpis.body).toMatchObject({ from: '2026-12-01T00:00:00.000Z', overall: { created: 1, responseWithinDeadline: { count: 1, of: 1, rate: 1 }, mttaHours: 0 } })
    expect(kpis.body.engineers).toEqual([expect.objectContaining({ engineerId: engineer.body.id, responseWithinDeadline: { count: 1, of: 1, rate: 1 } })])
    const spots = await send(admin, 'GET', '/api/v1/analytics/hot-spots?month=2026-12', {})
    expect(spots.status).toBe(200)
    expect(spots.body).toMatchObject({ equipment: expect.any(Array) as unknown, locations: expect.any(Array) as unknown })
  })
})
