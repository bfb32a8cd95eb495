import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AlertEventLog } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import type { AlertEvent } from '../../../core/domain/alert.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { MaintenanceWindowStore } from '../../../core/maintenance/maintenance-window-store.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import { startAlertEventsForwarder } from '../../../rules/alert-events-forwarder.js'
import { AlertService } from '../../../rules/alert-service.js'
import { EngineSnapshots } from '../../../rules/engine-snapshots.js'
import { EngineStateStore } from '../../../rules/engine-state-store.js'
import { EquipmentMutes } from '../../../rules/equipment-mutes.js'
import type { RuleDefinition } from '../../../rules/rule-definition.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'
import type { OpenWorkOrderJob } from '../../../rules/work-order-job.js'
import { PUMP } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const MIN = 60_000
const T0 = Date.parse('2026-11-30T08:00:00.000Z')
const LIFECYCLE = { resolveHoldMs: 5 * MIN, cooldownMs: 15 * MIN, flapThreshold: 3, flapWindowMs: 60 * MIN }

const HOT: RuleDefinition = {
  id: 'bearing-overheat',
  title: 'Pump bearing overheating',
  metric: 'bearing_temp_c',
  metrics: ['bearing_temp_c'],
  severity: 'critical',
  priority: 'urgent',
  workOrderKind: 'corrective',
  detector: 'threshold',
  params: { metric: 'bearing_temp_c', above: 80, clearAt: 75, forMs: 0 }
}

const transition = (state: 'fire' | 'clear', ts: number): RuleTransition => ({
  rule: HOT,
  equipment: PUMP,
  state,
  ts,
  explanation: { message: state === 'fire' ? 'bearing_temp_c 84 above 80' : 'bearing_temp_c back to 70', value: state === 'fire' ? 84 : 70, limit: 80 }
})

describe('the alert lifecycle on real Redis and InfluxDB', () => {
  let redis: TestRedis
  let store: AlertStore
  let log: AlertEventLog
  let jobs: OpenWorkOrderJob[]
  let service: AlertService

  const newService = (): AlertService =>
    new AlertService({
      records: store,
      workOrders: { enqueue: (job) => Promise.resolve(void jobs.push(job)) },
      events: log,
      mutes: new EquipmentMutes(redis.redis, redis.keys, new MaintenanceWindowStore(redis.redis, redis.keys)),
      lifecycle: LIFECYCLE,
      logger: testLogger()
    })
  const kinds = async (): Promise<string[]> => (await log.read('0', 1000)).map(({ event }) => event.kind)

  beforeEach(() => {
    redis = testRedis()
    store = new AlertStore(redis.redis, redis.keys)
    log = new AlertEventLog(redis.redis, redis.keys)
    jobs = []
    service = newService()
  })
  afterEach(() => redis.close())

  it('opens once, resolves after the hold, reopens within the cooldown without new work, and logs every step', async () => {
    service.submit(transition('fire', T0))
    service.submit(transition('fire', T0 + 3)) // a burst a few ms apart
    service.submit(transition('clear', T0 + MIN))
    service.advance(PUMP, T0 + 5 * MIN) // hold not over
    await service.settled()
    const [alert] = await store.list()
    expect(alert).toMatchObject({ status: 'open', reopens: 0 })
    service.advance(PUMP, T0 + 6 * MIN)
    await service.settled()
    expect(await store.get(alert?.id ?? '')).toMatchObject({ status: 'resolved', resolvedAt: new Date(T0 + 6 * MIN).toISOString() })

    service.submit(transition('fire', T0 + 10 * MIN))
    await service.settled()
    expect(await store.list()).toHaveLength(1)
    expect(await store.get(alert?.id ?? '')).toMatchObject({ status: 'open', reopens: 1 })
    expect(jobs).toHaveLength(1)
    expect(await kinds()).toEqual(['opened', 'resolved', 'reopened'])
  })

  it('makes a condition that keeps coming and going one flapping alert and one work order', async () => {
    let t = T0
    for (let cycle = 0; cycle < 6; cycle++) {
      service.submit(transition('fire', t))
      service.submit(transition('clear', t + MIN))
      service.advance(PUMP, t + 7 * MIN)
      t += 10 * MIN
    }
    await service.settled()
    const alerts = await store.list()
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ status: 'open', flapping: true })
    expect(jobs).toHaveLength(1)
    expect(await kinds()).toEqual(['opened', 'resolved', 'reopened', 'resolved', 'flapping'])
  })

  it('never opens two alerts for one condition when two engine instances race', async () => {
    const other = newService()
    for (let i = 0; i < 10; i++) {
      service.submit(transition('fire', T0 + i))
      other.submit(transition('fire', T0 + i))
    }
    await Promise.all([service.settled(), other.settled()])
    expect(await store.list()).toHaveLength(1)
    expect(jobs).toHaveLength(1)
  })

  it('mutes alerts inside a maintenance window, holding the work order back until the window ends', async () => {
    const windows = new MaintenanceWindowStore(redis.redis, redis.keys)
    await windows.add({ equipmentId: PUMP.id, reason: 'weekly fire-pump test run', startsAt: new Date(T0 - 7 * 24 * 60 * MIN - MIN).toISOString(), endsAt: new Date(T0 - 7 * 24 * 60 * MIN + 30 * MIN).toISOString(), weekly: true })
    service.submit(transition('fire', T0))
    await service.settled()
    const [alert] = await store.list()
    expect(alert).toMatchObject({ status: 'open', muted: { reason: 'maintenance window: weekly fire-pump test run', until: new Date(T0 + 30 * MIN).toISOString() } })
    expect(jobs).toHaveLength(0)
    service.advance(PUMP, T0 + 29 * MIN)
    await service.settled()
    expect(jobs).toHaveLength(0)
    service.advance(PUMP, T0 + 30 * MIN)
    await service.settled()
    expect(jobs.map((job) => job.alertId)).toEqual([alert?.id])
    expect((await store.get(alert?.id ?? ''))?.muted).toBeUndefined()
    expect(await kinds()).toEqual(['opened', 'muted', 'unmuted'])
  })

  it('mutes alerts of equipment whose work order is in progress', async () => {
    await redis.redis.set(redis.keys.activeWorkOrder(PUMP.id), 'WO-000001')
    await redis.redis.set(redis.keys.workOrder('WO-000001'), JSON.stringify({ id: 'WO-000001', status: 'in_progress' }))
    service.submit(transition('fire', T0))
    await service.settled()
    expect((await store.list())[0]?.muted).toEqual({ reason: 'work order WO-000001 in progress' })
    expect(jobs).toHaveLength(0)
    await redis.redis.set(redis.keys.workOrder('WO-000001'), JSON.stringify({ id: 'WO-000001', status: 'resolved' }))
    service.advance(PUMP, T0 + 30_000) // asks again only after a minute
    await service.settled()
    expect(jobs).toHaveLength(0)
    service.advance(PUMP, T0 + MIN)
    await service.settled()
    expect(jobs).toHaveLength(1)
  })

  it('lets a restarted engine resume its detectors and alerts from the saved state, without a duplicate', async () => {
    const ewma: RuleDefinition = { ...HOT, id: 'vibration-drift', metric: 'vibration_mm_s', metrics: ['vibration_mm_s'], detector: 'ewma', params: { metric: 'vibration_mm_s', lambda: 0.3, sigmas: 4, warmupSamples: 30, baselineAlpha: 0.01, direction: 'up', minStdDev: 0.05 } }
    const book = new Map([['pump' as const, [HOT, ewma]]])
    const stateStore = new EngineStateStore(redis.redis, redis.keys)
    const run = (engine: RulesEngine, alerts: AlertService, snapshots: EngineSnapshots, from: number, to: number, value: (i: number) => Record<string, number>): void => {
      for (let i = from; i < to; i++) {
        const ts = T0 + i * 1000
        for (const t of engine.evaluate(PUMP, { ts, metrics: value(i) })) alerts.submit(t)
        alerts.advance(PUMP, ts)
        snapshots.touch(PUMP)
      }
    }
    const healthy = (i: number) => ({ bearing_temp_c: 85, vibration_mm_s: 2 + 0.1 * Math.sin(i) })
    const engine = new RulesEngine(book)
    const snapshots = new EngineSnapshots(engine, service, stateStore, testLogger())
    run(engine, service, snapshots, 0, 100, healthy)
    await snapshots.close()
    expect(await store.list()).toHaveLength(1) // hot from the start

    const restartedService = newService()
    const restarted = new RulesEngine(book)
    const restartedSnapshots = new EngineSnapshots(restarted, restartedService, stateStore, testLogger())
    // An engine for other sites (RULES_SITES) leaves this equipment's state to the one that runs it.
    expect(await new EngineSnapshots(new RulesEngine(book), newService(), stateStore, testLogger()).restore(['another-site'])).toBe(0)
    expect(await restartedSnapshots.restore([PUMP.siteId])).toBe(1)
    // Still hot: the restored lifecycle knows the alert is open and does not open another.
    run(restarted, restartedService, restartedSnapshots, 100, 101, healthy)
    // The EWMA baseline is restored, not relearned: one reading far off the baseline fires at once.
    const fired = restarted.evaluate(PUMP, { ts: T0 + 102_000, metrics: { bearing_temp_c: 85, vibration_mm_s: 9 } })
    await restartedService.settled()
    expect(fired.map((t) => `${t.rule.id} ${t.state}`)).toEqual(['vibration-drift fire'])
    const fresh = new RulesEngine(book)
    expect(fresh.evaluate(PUMP, { ts: T0, metrics: { bearing_temp_c: 70, vibration_mm_s: 9 } })).toEqual([])
    expect(await store.list()).toHaveLength(1)
    expect(jobs).toHaveLength(1)
  })

  describe('alert_events in InfluxDB', () => {
    let influx: InfluxStore
    beforeEach(async () => {
      influx = await testInflux()
    })

    it('copies every event, in order, and catches up after InfluxDB was unreachable', async () => {
      service.submit(transition('fire', T0))
      await service.settled()
      // InfluxDB "down": a store on a port nothing listens on.
      const down = { ...influx, writeLines: () => Promise.reject(new Error('connect ECONNREFUSED')) } as InfluxStore
      const failing = startAlertEventsForwarder({ log, redis: redis.redis, blockingConnection: createRedis(redisUrl(), 'forwarder-1'), keys: redis.keys, influx: down, logger: testLogger(), blockMs: 100 })
      await failing.close()
      expect(await redis.redis.get(redis.keys.alertEventsCopied)).toBeNull()

      service.submit(transition('clear', T0 + MIN))
      service.advance(PUMP, T0 + 10 * MIN)
      await service.settled()
      const forwarder = startAlertEventsForwarder({ log, redis: redis.redis, blockingConnection: createRedis(redisUrl(), 'forwarder-2'), keys: redis.keys, influx, logger: testLogger(), blockMs: 100 })
      const lastId = await log.lastId()
      await waitFor(async () => (await redis.redis.get(redis.keys.alertEventsCopied)) === lastId)
      await forwarder.close()
      const [series] = await influx.query(`SELECT "alert_id", "event", "rule", "message" FROM "alert_events" WHERE "equipment" = '${PUMP.id}'`)
      expect(series?.values.map((row) => [row[0], row[2]])).toEqual([
        [T0, 'opened'],
        [T0 + 10 * MIN, 'resolved']
      ])
      const events: AlertEvent[] = (await log.read('0', 10)).map((e) => e.event)
      expect(series?.values.every((row) => row[1] === events[0]?.alertId && row[3] === 'bearing-overheat')).toBe(true)
    })
  })
})

/** Polls a condition that has no event to await (a cursor written by another loop), with a deadline. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
