import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { AlertEventLog } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { AlertService } from '../../../rules/alert-service.js'
import { HealthReporter } from '../../../rules/health-reporter.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'
import { BEARING_HOT } from '../../helpers/rule-fixture.js'

const T0 = Date.parse('2026-11-30T08:00:00.000Z')
describe('health scores, from the rules engine to InfluxDB, Redis and the API', () => {
  let redis: TestRedis
  let influx: InfluxStore
  let app: FastifyInstance
  let token: string
  let now = T0

  beforeAll(async () => {
    redis = testRedis()
    influx = await testInflux()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerPump(registry, { ...PUMP, id: 'p2', name: 'Booster pump 2' })
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token = await tokens.issue({ name: 'manager', role: 'manager' })
    app = await buildApp({ redis: redis.redis, keys: redis.keys, influx, registry, alerts: new AlertStore(redis.redis, redis.keys), tokens, deadLetters: new DeadLetterStore(redis.redis, redis.keys, 10), logger: testLogger(), now: () => now })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const get = async (url: string) => {
    const response = await app.inject({ url, headers: { authorization: `Bearer ${token}` } })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }

  it('scores each equipment every report, serves the latest with reasons and the trend', async () => {
    const book = new Map([['pump' as const, [BEARING_HOT]]])
    const engine = new RulesEngine(book)
    const alerts = new AlertService({ records: new AlertStore(redis.redis, redis.keys), workOrders: { enqueue: () => Promise.resolve() }, events: new AlertEventLog(redis.redis, redis.keys), logger: testLogger() })
    const reporter = new HealthReporter({ engine, alerts, redis: redis.redis, keys: redis.keys, influx, logger: testLogger(), now: () => now })

    expect((await get('/api/v1/equipment/p1/health')).status).toBe(409) // not scored yet
    expect((await get('/api/v1/equipment/nope/health')).status).toBe(404)

    const subscriber = redis.redis.duplicate()
    const announced: { changes: { equipmentId: string; score: number }[] }[] = []
    subscriber.on('message', (_channel: string, message: string) => announced.push(JSON.parse(message) as (typeof announced)[number]))
    await subscriber.subscribe(redis.keys.healthChanged)

    const p2 = { ...PUMP, id: 'p2', name: 'Booster pump 2' }
    for (const [equipment, value] of [[PUMP, 60], [p2, 60]] as const) {
      engine.evaluate(equipment, { ts: now, metrics: { bearing_temp_c: value } })
      reporter.track(equipment)
    }
    await reporter.report()
    now += 60_000
    for (const t of engine.evaluate(PUMP, { ts: now, metrics: { bearing_temp_c: 90 } })) alerts.submit(t)
    await alerts.settled()
    await reporter.report()

    await reporter.report() // nothing changed: nothing announced
    await subscriber.ping() // every message published before has been delivered
    // Only changed scores go to live screens: both at first, then the pump whose bearing overheated.
    expect(announced.map((message) => message.changes.map((change) => [change.equipmentId, change.score]))).toEqual([
      [
        ['p1', 100],
        ['p2', 100]
      ],
      [['p1', 50]]
    ])
    subscriber.disconnect()

    const latest = await get('/api/v1/equipment/p1/health')
    expect(latest.body).toMatchObject({ equipmentId: 'p1', score: 50, at: new Date(now).toISOString(), reasons: [{ kind: 'alert', ruleId: 'bearing-overheat', penalty: 50 }] })
    const fleet = await get('/api/v1/health')
    expect((fleet.body.items as { equipmentId: string; score: number }[]).map((r) => [r.equipmentId, r.score])).toEqual([
      ['p1', 50],
      ['p2', 100]
    ])
    expect(((await get('/api/v1/health?below=100')).body.items as unknown[]).length).toBe(1)

    const history = await get(`/api/v1/equipment/p1/health/history?from=${T0}&to=${now + 60_000}&every=1m`)
    expect((history.body.points as { mean: number }[]).map((p) => p.mean)).toEqual([100, 50])
  })
})
