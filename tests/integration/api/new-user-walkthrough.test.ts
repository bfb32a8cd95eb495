import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../api/server.js'
import type { RunningApi } from '../../../api/server.js'
import { AlertEventLog } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import type { Redis } from '../../../core/redis/redis-connection.js'
import { AlertService } from '../../../rules/alert-service.js'
import { createWorkOrderQueue, createWorkOrderWorker } from '../../../rules/work-order-job.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { openApiClient } from '../../helpers/openapi-client.js'
import type { OpenApiClient } from '../../helpers/openapi-client.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'
import { BEARING_HOT } from '../../helpers/rule-fixture.js'

// Wednesday 2026-12-02 10:00 in Shanghai: inside the example engineer's weekday shift.
const WEDNESDAY_10H = Date.parse('2026-12-02T02:00:00Z')
// The smallest valid PNG (1×1), as a phone would send a photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/**
 * A newcomer with the OpenAPI page and nothing else: every call below is one the document lists,
 * and every body is the document's own example, changed only where a person would change it.
 */
describe('a new user with only the OpenAPI page', () => {
  let redis: TestRedis
  let api: RunningApi
  let client: OpenApiClient
  let admin: string
  let service: string
  const connections: Redis[] = []

  beforeAll(async () => {
    redis = testRedis()
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    // The first admin token comes from `vigil token --role admin`; everything else goes through the API.
    admin = await tokens.issue({ name: 'first admin', role: 'admin' })
    service = await tokens.issue({ name: 'vigil-rules', role: 'service' })
    api = await startApiServer(
      await testApiDeps(redis, { tokens, now: () => WEDNESDAY_10H }),
      { host: '127.0.0.1', port: 0 }
    )
    client = await openApiClient(api.url)
  })
  afterAll(async () => {
    await api.close()
    await Promise.all(connections.map((connection) => connection.quit()))
    await redis.close()
  })

  const send: OpenApiClient['send'] = (...args) => client.send(...args)
  const exampleBody: OpenApiClient['exampleBody'] = (...args) => client.exampleBody(...args)
  const documented: OpenApiClient['documented'] = (...args) => client.documented(...args)

  it('registers a pump and an engineer, lets an alert open the work, and takes it to a rated fix with its audit trail', async () => {
    // 1. Register a pump: a site, a building, the pump and its sensor gateway, all from the examples.
    expect((await send(admin, 'POST', '/api/v1/sites', {}, exampleBody('POST', '/api/v1/sites'))).status).toBe(201)
    expect((await send(admin, 'POST', '/api/v1/buildings', {}, exampleBody('POST', '/api/v1/buildings'))).status).toBe(201)
    const pump = await send(admin, 'POST', '/api/v1/equipment', {}, exampleBody('POST', '/api/v1/equipment'))
    expect(pump).toMatchObject({ status: 201, body: { type: 'pump', qrCode: expect.any(String) as unknown } })
    const equipment = pump.body as unknown as Equipment & { qrCode: string }
    const device = await send(admin, 'POST', '/api/v1/devices', {}, exampleBody('POST', '/api/v1/devices'))
    expect(device).toMatchObject({ status: 201, body: { credentials: { password: expect.any(String) as unknown } } })

    // 2. Register an engineer (the example works at the example site, on weekday day shifts) and give them a token.
    const engineer = await send(admin, 'POST', '/api/v1/engineers', {}, exampleBody('POST', '/api/v1/engineers'))
    expect(engineer.status).toBe(201)
    const engineerId = String(engineer.body.id)
    const issued = await send(admin, 'POST', '/api/v1/tokens', {}, { ...exampleBody('POST', '/api/v1/tokens'), role: 'engineer', engineerId })
    expect(issued.status).toBe(201)
    const engineerToken = String(issued.body.token)

    // 3. The rules engine sees the bearing run hot: one alert, one work order through the API, dispatched at once.
    connections.push(createRedis(redisUrl(), 'walkthrough-queue'), createRedis(redisUrl(), 'walkthrough-worker'))
    const [queueConnection, workerConnection] = connections as [Redis, Redis]
    const alerts = new AlertStore(redis.redis, redis.keys)
    const queue = createWorkOrderQueue(queueConnection, redis.keys.bullPrefix, 5)
    const worker = createWorkOrderWorker({ connection: workerConnection, prefix: redis.keys.bullPrefix, apiUrl: api.url, apiToken: service, alerts, logger: testLogger() })
    const opened = new Promise<string>((resolve) => worker.on('completed', (_job, id) => resolve(String(id))))
    const rules = new AlertService({ records: alerts, workOrders: queue, events: new AlertEventLog(redis.redis, redis.keys), logger: testLogger() })
    rules.submit({ rule: BEARING_HOT, equipment, state: 'fire', ts: Date.now(), explanation: { message: 'bearing_temp_c 86 above 80', value: 86, limit: 80 } })
    await rules.settled()
    const workOrderId = await opened
    await worker.close()
    await queue.close()

    // 4. The engineer finds it among their work, accepts, checks in with the code on the sticker, adds a photo, resolves.
    const mine = await send(engineerToken, 'GET', '/api/v1/work-orders', {})
    expect(mine.body.items).toEqual([expect.objectContaining({ id: workOrderId, status: 'assigned', assigneeId: engineerId, priority: 'urgent' })])
    const id = { id: workOrderId }
    expect((await send(engineerToken, 'POST', '/api/v1/work-orders/{id}/accept', id, {})).body).toMatchObject({ status: 'accepted', responsibleEngineerId: engineerId })
    expect((await send(engineerToken, 'POST', '/api/v1/work-orders/{id}/check-in', id, { qrCode: equipment.qrCode })).body).toMatchObject({ status: 'in_progress', arrivedAt: expect.any(String) as unknown })

    documented('POST', '/api/v1/work-orders/{id}/photos')
    const form = new FormData()
    form.append('caption', 'bearing housing, discoloured')
    form.append('photo', new Blob([PNG], { type: 'image/png' }), 'bearing.png')
    const uploaded = await fetch(`${api.url}/api/v1/work-orders/${workOrderId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${engineerToken}` }, body: form })
    expect(uploaded.status).toBe(201)

    const resolved = await send(engineerToken, 'POST', '/api/v1/work-orders/{id}/resolve', id, exampleBody('POST', '/api/v1/work-orders/{id}/resolve'))
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { firstVisitFix: expect.any(Boolean) as unknown } })
    const photos = resolved.body.photos as { id: string; contentType: string }[]
    expect(photos).toEqual([expect.objectContaining({ contentType: 'image/png', caption: 'bearing housing, discoloured' })])

    // 5. The owner rates it through the one-time link a manager (here the admin) sends them.
    const link = await send(admin, 'POST', '/api/v1/work-orders/{id}/rating-link', id)
    expect(link.status).toBe(201)
    const rated = await fetch(String(link.body.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: 5, comment: 'Quiet again' }) })
    expect(rated.status).toBe(200)

    // 6. The audit trail tells the whole story.
    const audit = (await send(admin, 'GET', '/api/v1/work-orders/{id}/audit', id)).body.items as { action: string; by: string }[]
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'assign', 'accept', 'check_in', 'photo', 'resolve', 'rate'])
    expect(audit[1]?.by).toBe('vigil (dispatch)')
  })
})
