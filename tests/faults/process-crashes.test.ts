import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { provisionMqttServiceAccounts } from '../../core/auth/service-provisioning.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import { createRedis } from '../../core/redis/redis-connection.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { freePort } from '../../core/services/free-port.js'
import { waitUntil } from '../../core/services/wait-until.js'
import type { LoadDevice } from '../../simulators/load-generator.js'
import { runLoad } from '../../simulators/load-generator.js'
import { range, registerLoadFleet, storedSeqs } from '../helpers/fault-fleet.js'
import { influxUrl, redisUrl, testInflux, testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { startVigilProcess } from '../helpers/vigil-process.js'
import type { VigilProcess } from '../helpers/vigil-process.js'

const SECRET = 'fault-drill-secret-crashes-0000'
// The broker's Redis persistence keys are not prefixed: this file uses a database of its own.
const STATE_DB = 9
const DEVICES = 10

/**
 * Parts of Vigil killed with SIGKILL and restarted while devices publish QoS 1 readings; each
 * reading carries its seq, and afterwards every seq each device sent must be stored, once.
 */
describe('fault drills: processes killed with SIGKILL', () => {
  let redis: TestRedis
  let influx: InfluxStore
  let devices: LoadDevice[]
  const processes: VigilProcess[] = []

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    devices = await registerLoadFleet(registry, DEVICES)
    await provisionMqttServiceAccounts(registry, SECRET)
  })
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')))
  })
  afterAll(async () => {
    const state = createRedis(`${redisUrl()}/${STATE_DB}`, 'drill-cleanup')
    await state.flushdb()
    await state.quit()
    await redis.close()
  })

  const env = (mqttPort: number, extra: Record<string, string> = {}): Record<string, string> => ({
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: redis.keys.prefix,
    INFLUX_URL: influxUrl(),
    INFLUX_DATABASE: influx.database,
    VIGIL_SERVICE_SECRET: SECRET,
    MQTT_PORT: String(mqttPort),
    MQTT_URL: `mqtt://127.0.0.1:${mqttPort}`,
    ...extra
  })
  const start = async (command: string, vars: Record<string, string>): Promise<VigilProcess> => {
    const started = await startVigilProcess(command, vars)
    processes.push(started)
    return started
  }
  const allStored = async (sent: ReadonlyMap<string, number>): Promise<void> => {
    const total = [...sent.values()].reduce((a, b) => a + b, 0)
    await waitUntil(
      async () => {
        const [series] = await influx.query('SELECT count("seq") FROM "telemetry"')
        return Number(series?.values[0]?.[1] ?? 0) >= total
      },
      { timeoutMs: 60_000, intervalMs: 250, what: `${total} readings in InfluxDB` }
    )
    const stored = await storedSeqs(influx, [...sent.keys()])
    for (const [id, count] of sent) expect(stored.get(id), id).toEqual(range(count))
  }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  it('embedded ingest: the broker killed mid-stream and restarted loses nothing', { timeout: 120_000 }, async () => {
    influx = await testInflux()
    const port = await freePort()
    const vars = env(port)
    let broker = await start('broker', vars)
    const crash = (async () => {
      await pause(3000)
      await broker.kill('SIGKILL')
      await pause(1000)
      broker = await start('broker', vars)
    })()
    const load = await runLoad({
      brokerUrl: `mqtt://127.0.0.1:${port}`,
      devices,
      durationMs: 8000,
      mode: { kind: 'rate', messagesPerSecond: 20 },
      resilient: { reconnectPeriodMs: 200 },
      stampSeq: true
    })
    await crash
    expect(load.messagesAcked).toBe(load.messagesSent)
    await allStored(load.readingsSent)
  })

  it('MQTT-client ingest killed mid-stream and restarted: its persistent session keeps what it had not stored', { timeout: 120_000 }, async () => {
    influx = await testInflux()
    const port = await freePort()
    const vars = env(port, { BROKER_EMBEDDED_INGEST: 'false', INGEST_CLIENT_ID: 'vigil-ingest-drill-1' })
    await start('broker', vars)
    let ingest = await start('ingest', vars)
    const crash = (async () => {
      await pause(3000)
      await ingest.kill('SIGKILL')
      await pause(1500)
      ingest = await start('ingest', vars)
    })()
    const load = await runLoad({ brokerUrl: `mqtt://127.0.0.1:${port}`, devices, durationMs: 8000, mode: { kind: 'rate', messagesPerSecond: 20 }, resilient: { reconnectPeriodMs: 200 }, stampSeq: true })
    await crash
    expect(load.messagesAcked).toBe(load.messagesSent)
    await allStored(load.readingsSent)
  })

  it('a broker with Redis persistence killed while ingest is down delivers every queued message after its restart', { timeout: 120_000 }, async () => {
    influx = await testInflux()
    const port = await freePort()
    const metricsPort = await freePort()
    const vars = env(port, {
      BROKER_EMBEDDED_INGEST: 'false',
      BROKER_PERSISTENCE: 'redis',
      BROKER_REDIS_URL: `${redisUrl()}/${STATE_DB}`,
      INGEST_CLIENT_ID: 'vigil-ingest-drill-2'
    })
    const broker = await start('broker', { ...vars, METRICS_PORT: String(metricsPort) })
    // Ingest subscribes once (its persistent session), then goes down.
    const ingest = await start('ingest', vars)
    await ingest.kill('SIGTERM')
    const load = await runLoad({ brokerUrl: `mqtt://127.0.0.1:${port}`, devices, durationMs: 3000, mode: { kind: 'rate', messagesPerSecond: 50 }, stampSeq: true })
    expect(load.messagesAcked).toBe(load.messagesSent)
    // aedes acknowledges a publish just before it writes it to its persistence: wait until the
    // broker reports every message queued, so the crash tests the restart, not that window.
    await waitUntil(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()
        return Number(/^vigil_broker_queued_messages\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0) >= load.messagesSent
      },
      { timeoutMs: 10_000, intervalMs: 50, what: 'the broker to queue every message' }
    )
    await broker.kill('SIGKILL')
    await start('broker', vars)
    await start('ingest', vars)
    await allStored(load.readingsSent)
  })
})
