import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../core/config/config.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import type { DeviceContext } from '../../../core/registry/device-directory.js'
import { DeviceLastSeen } from '../../../core/registry/device-last-seen.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { IngestPipeline } from '../../../ingest/ingest-pipeline.js'
import { startHeartbeatMonitor } from '../../../rules/heartbeat-monitor.js'
import type { HeartbeatMonitor } from '../../../rules/heartbeat-monitor.js'
import { loadRuleBook } from '../../../rules/load-rule-book.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const HOUR = 3_600_000

describe('heartbeat monitor on the registry and the last-seen times ingest records (real Redis, InfluxDB)', () => {
  let redis: TestRedis
  let pipeline: IngestPipeline
  let monitor: HeartbeatMonitor | undefined
  /** One clock for ingest and the monitor, moved forward by the test instead of waiting. */
  let shiftMs = 0
  const now = () => Date.now() + shiftMs

  beforeEach(async () => {
    redis = testRedis()
    shiftMs = 0
    const lastSeen = new DeviceLastSeen(redis.redis, redis.keys.deviceLastSeen)
    pipeline = new IngestPipeline({
      influx: await testInflux(),
      deadLetters: new DeadLetterStore(redis.redis, redis.keys, 1000),
      lastSeen,
      logger: testLogger(),
      now,
      options: { batchMaxAgeMs: 10 }
    })
  })
  afterEach(async () => {
    await monitor?.close()
    await pipeline.close()
    await redis.close()
  })

  /** Stores one reading through ingest; ingest records the device as seen on the same connection, so a later read sees it. */
  const report = async (device: DeviceContext): Promise<void> => {
    const payload = Buffer.from(JSON.stringify({ ts: now(), metrics: { bearing_temp_c: 50 } }))
    expect(await pipeline.accept({ topic: device.telemetryTopic, clientId: device.device.id, payload, device })).toBe('stored')
  }

  it('reports a device silent since before the start and one never seen, and clears one that reports again', async () => {
    const registry = new RegistryStore(redis.redis, redis.keys)
    const pump = (id: string): Equipment => ({ ...PUMP, id, name: `Pump ${id}` })
    const stale = await registerPump(registry, pump('p-stale'))
    const never = await registerPump(registry, pump('p-never'))
    const live = await registerPump(registry, pump('p-live'))
    const lastSeen = new DeviceLastSeen(redis.redis, redis.keys.deviceLastSeen)
    await lastSeen.record([stale.device.id], now() - 2 * HOUR)
    await report(live)

    const book = await loadRuleBook(loadConfig({}).rules.dir)
    const rule = book.get('pump')?.find((r) => r.detector === 'heartbeat')
    if (rule?.detector !== 'heartbeat') throw new Error('the shipped pump rules have no heartbeat rule')
    const transitions: RuleTransition[] = []
    const taken = () => transitions.splice(0).map((t) => `${t.equipment.id}:${t.state}`)
    monitor = startHeartbeatMonitor({ book, registry, lastSeen, intervalMs: HOUR, onTransition: (t) => transitions.push(t), logger: testLogger(), now })

    // First check: the device silent for two hours is offline at once; the others are fine so far.
    await monitor.checkNow()
    const offline = transitions.find((t) => t.equipment.id === 'p-stale')
    expect(taken().sort()).toEqual(['p-live:clear', 'p-never:clear', 'p-stale:fire'])
    expect(offline?.rule.id).toBe(rule.id)
    expect(offline?.explanation.value).toBeGreaterThanOrEqual(7200)
    expect(offline?.explanation.message).toMatch(/^sensor p-stale-gw offline: silent for \d+ s \(limit \d+ s\); check the sensor or its gateway — a gap in monitoring, not an equipment fault$/)

    // A timeout later: the device never heard from since the start is offline; the one reporting is not.
    shiftMs = rule.params.timeoutMs + 1000
    await report(live)
    await monitor.checkNow()
    expect(taken()).toEqual(['p-never:fire'])

    // The stale device reports through ingest: cleared at the next check.
    await report(stale)
    await monitor.checkNow()
    expect(taken()).toEqual(['p-stale:clear'])
    const seen = await lastSeen.read([stale.device.id, never.device.id])
    expect(seen.get(stale.device.id)).toBeGreaterThan(now() - 60_000)
    expect(seen.has(never.device.id)).toBe(false)
  })
})
