import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../api/server.js'
import type { RunningApi } from '../../../api/server.js'
import { AlertEventLog } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { projectRoot } from '../../../core/project-root.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import type { Redis } from '../../../core/redis/redis-connection.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { AlertService } from '../../../rules/alert-service.js'
import { loadRuleBook } from '../../../rules/load-rule-book.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'
import { createWorkOrderQueue, createWorkOrderWorker } from '../../../rules/work-order-job.js'
import { createDeviceModel } from '../../../simulators/models/create-device-model.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * A simulated pump whose bearing heats slowly — over two weeks — run through the shipped pump
 * rules, the alert service, the work-order job and the API, faster than real time (a reading
 * every five minutes of simulated time): a preventive work order is opened, with the forecast,
 * days before the temperature reaches its limit.
 */
describe('prediction opens preventive work', () => {
  let redis: TestRedis
  let api: RunningApi
  let token: string
  const connections: Redis[] = []

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token = await tokens.issue({ name: 'rules', role: 'service' })
    api = await startApiServer(
      { redis: redis.redis, keys: redis.keys, influx: await testInflux(), registry, alerts: new AlertStore(redis.redis, redis.keys), tokens, deadLetters: new DeadLetterStore(redis.redis, redis.keys, 10), logger: testLogger() },
      { host: '127.0.0.1', port: 0 }
    )
  })
  afterAll(async () => {
    await api.close()
    await Promise.all(connections.map((c) => c.quit()))
    await redis.close()
  })

  it('opens a preventive work order with the forecast before the bearing reaches 80 °C', { timeout: 60_000 }, async () => {
    const alerts = new AlertStore(redis.redis, redis.keys)
    connections.push(createRedis(redisUrl(), 'queue'), createRedis(redisUrl(), 'worker'))
    const queue = createWorkOrderQueue(connections[0] as Redis, redis.keys.bullPrefix, 3)
    const worker = createWorkOrderWorker({ connection: connections[1] as Redis, prefix: redis.keys.bullPrefix, apiUrl: api.url, apiToken: token, alerts, logger: testLogger() })
    const completed: string[] = []
    let onCompleted = (): void => undefined
    worker.on('completed', (_job, id) => {
      completed.push(id)
      onCompleted()
    })
    const service = new AlertService({ records: alerts, workOrders: queue, events: new AlertEventLog(redis.redis, redis.keys), logger: testLogger() })

    const engine = new RulesEngine(await loadRuleBook(path.join(projectRoot(), 'rules', 'config')))
    const equipment: Equipment = { ...PUMP }
    const model = createDeviceModel('pump', { seed: 3, timeZone: 'UTC', gapProbability: 0 })
    const start = Date.UTC(2026, 0, 1)
    model.startFault('bearing-overheat', start + 2 * DAY, 14 * DAY)
    const transitions: RuleTransition[] = []
    let preventiveAt: number | undefined
    let hottestBefore = 0
    let limitReachedAt: number | undefined
    for (let ts = start; ts < start + 20 * DAY && limitReachedAt === undefined; ts += 300_000) {
      const metrics = model.reading(ts)
      if ((metrics.bearing_temp_c ?? 0) >= 80) limitReachedAt = ts
      if (preventiveAt === undefined) hottestBefore = Math.max(hottestBefore, metrics.bearing_temp_c ?? 0)
      transitions.length = 0
      for (const transition of engine.evaluate(equipment, { ts, metrics }, transitions)) {
        if (transition.rule.id === 'bearing-heating-trend' && transition.state === 'fire') preventiveAt ??= ts
        service.submit(transition)
      }
    }
    await service.settled()
    expect(preventiveAt).toBeDefined()
    expect(limitReachedAt).toBeDefined()
    // Days of warning: the forecast fired well before the bearing reached the limit.
    expect((limitReachedAt as number) - (preventiveAt as number)).toBeGreaterThan(2 * DAY)
    expect(hottestBefore).toBeLessThan(80)

    // Every alert's job done (each opens the work order or joins it).
    const alertCount = (await alerts.list()).length
    await new Promise<void>((resolve) => {
      onCompleted = () => completed.length >= alertCount && resolve()
      onCompleted()
    })
    const workOrderId = completed[0] as string
    expect(new Set(completed)).toEqual(new Set([workOrderId]))
    const response = await fetch(`${api.url}/api/v1/work-orders/${workOrderId}`, { headers: { authorization: `Bearer ${token}` } })
    const workOrder = (await response.json()) as { kind: string; priority: string; title: string; description: string; source: { ruleIds: string[] }; checklist?: { id: string; result?: unknown }[] }
    // The first early warning opens the work order (the vibration drift may come first); the forecast joins it.
    expect(workOrder).toMatchObject({ kind: 'preventive', priority: 'normal' })
    expect(workOrder.source.ruleIds).toContain('bearing-heating-trend')
    expect(workOrder.description).toMatch(/forecast to reach 80 at \d{4}-\d\d-\d\dT/)
    // The rule's checklist template: the inspection the engineer records before resolving.
    expect(workOrder.checklist?.map((step) => [step.id, step.result])).toEqual([
      ['bearing-temperature', undefined],
      ['vibration', undefined],
      ['lubrication', undefined],
      ['noise', undefined]
    ])
    await worker.close()
    await queue.close()
  })
})
