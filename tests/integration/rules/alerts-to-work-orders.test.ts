import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../api/server.js'
import type { RunningApi } from '../../../api/server.js'
import { AlertEventLog } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import type { NewAlert } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import type { Redis } from '../../../core/redis/redis-connection.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { AlertService } from '../../../rules/alert-service.js'
import { createWorkOrderQueue, createWorkOrderWorker } from '../../../rules/work-order-job.js'
import type { WorkOrderQueue } from '../../../rules/work-order-job.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'
import { BEARING_HOT } from '../../helpers/rule-fixture.js'

const newAlert = (equipment: Equipment, ruleId: string): NewAlert => ({
  equipmentId: equipment.id,
  equipmentType: equipment.type,
  siteId: equipment.siteId,
  buildingId: equipment.buildingId,
  ruleId,
  metric: 'bearing_temp_c',
  severity: 'critical',
  priority: 'urgent',
  openedAt: new Date().toISOString(),
  explanation: { message: 'hot', value: 90, limit: 80 }
})

describe('alerts and the job that opens work orders, on real Redis, BullMQ and the API', () => {
  let redis: TestRedis
  let alerts: AlertStore
  let api: RunningApi
  let apiToken: string
  let connections: Redis[]
  let queue: WorkOrderQueue

  beforeEach(async () => {
    redis = testRedis()
    alerts = new AlertStore(redis.redis, redis.keys)
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    apiToken = await tokens.issue({ name: 'rules', role: 'service' })
    api = await startApiServer({ redis: redis.redis, keys: redis.keys, influx: await testInflux(), registry, alerts, tokens, deadLetters: new DeadLetterStore(redis.redis, redis.keys, 100), logger: testLogger() }, { host: '127.0.0.1', port: 0 })
    connections = [createRedis(redisUrl(), 'queue'), createRedis(redisUrl(), 'worker')]
    queue = createWorkOrderQueue(connections[0] as Redis, redis.keys.bullPrefix, 5)
  })
  afterEach(async () => {
    await queue.close()
    await api.close()
    await Promise.all(connections.map((c) => c.quit()))
    await redis.close()
  })

  it('opens one alert per equipment and rule however many race to open it', async () => {
    const opened = await Promise.all(Array.from({ length: 20 }, () => alerts.open(newAlert(PUMP, 'bearing-overheat'))))
    expect(opened.filter((a) => a !== undefined)).toHaveLength(1)
    expect(await alerts.list({ status: 'open' })).toHaveLength(1)
    expect(await alerts.open(newAlert(PUMP, 'vibration-rise'))).toBeDefined()
  })

  it('resolves the open alert and lets the condition open a new one afterwards', async () => {
    const first = await alerts.open(newAlert(PUMP, 'bearing-overheat'))
    const resolvedAt = new Date().toISOString()
    expect((await alerts.resolve(PUMP.id, 'bearing-overheat', resolvedAt))?.id).toBe(first?.id)
    expect(await alerts.get(first?.id ?? '')).toMatchObject({ status: 'resolved', resolvedAt })
    expect(await alerts.resolve(PUMP.id, 'bearing-overheat', resolvedAt)).toBeUndefined()
    expect(await alerts.open(newAlert(PUMP, 'bearing-overheat'))).toBeDefined()
  })

  it('turns a firing rule into one alert and one work order through the API, linked both ways', async () => {
    const worker = createWorkOrderWorker({ connection: connections[1] as Redis, prefix: redis.keys.bullPrefix, apiUrl: api.url, apiToken, alerts, logger: testLogger() })
    const completed = new Promise<string>((resolve) => worker.on('completed', (_job, id) => resolve(id)))
    const service = new AlertService({ records: alerts, workOrders: queue, events: new AlertEventLog(redis.redis, redis.keys), logger: testLogger() })
    const fire = { rule: BEARING_HOT, equipment: PUMP, state: 'fire' as const, ts: Date.now(), explanation: { message: 'bearing_temp_c 84 above 80 for 10 s', value: 84, limit: 80 } }
    service.submit(fire)
    service.submit({ ...fire, ts: fire.ts + 5 })
    await service.settled()
    const workOrderId = await completed
    const [alert] = await alerts.list()
    expect(alert).toMatchObject({ status: 'open', ruleId: 'bearing-overheat', workOrderId })
    const response = await fetch(`${api.url}/api/v1/work-orders/${workOrderId}`, { headers: { authorization: `Bearer ${apiToken}` } })
    expect(await response.json()).toMatchObject({
      equipmentId: PUMP.id,
      priority: 'urgent',
      title: 'Pump bearing overheating: Booster pump 1',
      source: { kind: 'alert', alertIds: [alert?.id], ruleIds: ['bearing-overheat'] },
      description: expect.stringContaining('bearing_temp_c 84 above 80 for 10 s') as unknown
    })
    await worker.close()
  })

  it('retries while the API is unreachable and opens the work order once it is back', async () => {
    const alert = await alerts.open(newAlert(PUMP, 'bearing-overheat'))
    const down = 'http://127.0.0.1:1'
    const failing = createWorkOrderWorker({ connection: connections[1] as Redis, prefix: redis.keys.bullPrefix, apiUrl: down, apiToken, alerts, logger: testLogger() })
    const failedOnce = new Promise<void>((resolve) => failing.once('failed', () => resolve()))
    await queue.enqueue({ alertId: alert?.id ?? '', ruleId: 'bearing-overheat', equipmentId: PUMP.id, title: 'Hot', description: 'hot', priority: 'urgent', kind: 'corrective' })
    await failedOnce
    await failing.close()
    const second = createRedis(redisUrl(), 'worker-2')
    connections.push(second)
    const worker = createWorkOrderWorker({ connection: second, prefix: redis.keys.bullPrefix, apiUrl: api.url, apiToken, alerts, logger: testLogger() })
    const workOrderId = await new Promise<string>((resolve) => worker.on('completed', (_job, id) => resolve(id)))
    expect((await alerts.get(alert?.id ?? ''))?.workOrderId).toBe(workOrderId)
    await worker.close()
  })
})
