import { randomBytes } from 'node:crypto'
import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBroker } from '../../broker/broker.js'
import type { RunningBroker } from '../../broker/broker.js'
import { DeadLetterStore } from '../../core/dead-letters/dead-letter-store.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import { createMetrics } from '../../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../../core/metrics/vigil-metrics.js'
import { DeviceDirectory } from '../../core/registry/device-directory.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { deviceTopic } from '../../core/telemetry/topics.js'
import { IngestPipeline } from '../../ingest/ingest-pipeline.js'
import { createTelemetryHandler } from '../../ingest/telemetry-handler.js'
import type { LoadDevice } from '../../simulators/load-generator.js'
import { range, registerLoadFleet, storedSeqs } from '../helpers/fault-fleet.js'
import { testLogger } from '../helpers/test-logger.js'
import { testInflux, testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'

const EACH = 100
const VALID_PER_DEVICE = 250

/** Payloads that keep the connection: ingest refuses each with a reason, and the device goes on. */
const KEPT_KINDS: Record<string, (now: number) => string | Buffer> = {
  bad_json: (now) => `{"ts": ${now}, "metrics": {"a": 1`,
  binary: () => randomBytes(64),
  deep_nesting: (now) => `{"ts":${now},"metrics":{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`,
  nan_infinity: (now) => (now % 2 === 0 ? `{"ts":${now},"metrics":{"a":NaN}}` : `{"ts":${now},"metrics":{"a":1e999}}`),
  string_numbers: (now) => `{"ts":${now},"metrics":{"a":"12.5"}}`,
  bad_metric_names: (now) => JSON.stringify({ ts: now, metrics: { [['a\nb', 'a,b', 'a b', 'a"b', 'a\\b'][now % 5] as string]: 1 } }),
  future_ts: (now) => JSON.stringify({ ts: now + 86_400_000, metrics: { a: 1 } }),
  ancient_ts: () => JSON.stringify({ ts: 86_400_000, metrics: { a: 1 } })
}

/**
 * 1,100 malformed messages of eleven kinds interleaved with 1,000 valid readings, against the
 * broker with the embedded ingest: every valid reading stored, every bad one refused (connection
 * closed or login refused) or dead-lettered with its reason, and the broker still serving.
 */
describe('fault drill: a flood of malformed messages', () => {
  let redis: TestRedis
  let influx: InfluxStore
  let broker: RunningBroker
  let pipeline: IngestPipeline
  let deadLetters: DeadLetterStore
  let metrics: VigilMetrics
  let devices: LoadDevice[]

  beforeAll(async () => {
    redis = testRedis()
    influx = await testInflux()
    const registry = new RegistryStore(redis.redis, redis.keys)
    devices = await registerLoadFleet(registry, 6)
    metrics = createMetrics('drill')
    deadLetters = new DeadLetterStore(redis.redis, redis.keys, 10_000, metrics)
    pipeline = new IngestPipeline({ influx, deadLetters, metrics, logger: testLogger() })
    broker = await startBroker({
      registry,
      deadLetters,
      metrics,
      logger: testLogger(),
      // A hundred failed logins from one address would otherwise be slowed to 10 s each.
      options: { host: '127.0.0.1', port: 0, failuresBeforeDelay: 1000 },
      onTelemetry: createTelemetryHandler({ pipeline, directory: new DeviceDirectory(registry), deadLetters })
    })
  })
  afterAll(async () => {
    await broker.close()
    await pipeline.close()
    await redis.close()
  })

  const connect = (device: LoadDevice, overrides: mqtt.IClientOptions = {}): Promise<MqttClient> =>
    mqtt.connectAsync(broker.url, { clientId: device.id, username: device.id, password: device.password, reconnectPeriod: 0, ...overrides })
  const counter = async (name: string, label = ''): Promise<number> => {
    const lines = (await metrics.registry.getSingleMetricAsString(name)).split('\n').filter((l) => l.startsWith(name) && l.includes(label))
    return lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)
  }

  it('stores every valid reading and refuses or dead-letters every bad message, with its reason', { timeout: 120_000 }, async () => {
    const [a, b, c, d, closer, foreignTarget] = devices as [LoadDevice, LoadDevice, LoadDevice, LoadDevice, LoadDevice, LoadDevice]
    const kinds = Object.keys(KEPT_KINDS)
    const sendsPerDevice = new Map<string, number>()

    // Four devices interleave valid readings with the eight kinds of bad payload that keep the connection.
    const kept = [a, b, c, d].map(async (device, index) => {
      const client = await connect(device)
      const topic = deviceTopic(device.siteId, device.id, 'telemetry')
      let seq = 0
      let bad = 0
      const badQuota = (kinds.length * EACH) / 4
      while (seq < VALID_PER_DEVICE || bad < badQuota) {
        if (seq < VALID_PER_DEVICE) {
          await client.publishAsync(topic, JSON.stringify({ ts: Date.now() - 60_000 + seq, metrics: { a: seq, seq } }), { qos: 1 })
          seq++
        }
        if (bad < badQuota) {
          const kind = kinds[(bad * 4 + index) % kinds.length] as string
          await client.publishAsync(topic, (KEPT_KINDS[kind] as (now: number) => string | Buffer)(Date.now() + bad), { qos: 1 })
          bad++
        }
      }
      sendsPerDevice.set(device.id, seq)
      await client.endAsync()
    })

    // Oversized packets and publishes to another device's topic close the connection: reconnect each time.
    const closing = (async () => {
      for (let i = 0; i < EACH; i++) {
        for (const [payload, topic] of [
          [Buffer.alloc(70_000, 0x20), deviceTopic(closer.siteId, closer.id, 'telemetry')],
          [JSON.stringify({ ts: Date.now(), metrics: { a: 1 } }), deviceTopic(foreignTarget.siteId, foreignTarget.id, 'telemetry')]
        ] as const) {
          const client = await connect(closer)
          const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
          client.publish(topic, payload, { qos: 1 })
          await closed
          await client.endAsync(true)
        }
      }
    })()

    // Devices the registry does not know are refused at login.
    const unknown = (async () => {
      for (let i = 0; i < EACH; i++) {
        const refused = await connect({ id: `ghost-${i}`, siteId: 'drill-site', password: 'x' }).then(
          async (client) => {
            await client.endAsync(true)
            return false
          },
          () => true
        )
        expect(refused).toBe(true)
      }
    })()

    await Promise.all([...kept, closing, unknown])

    // Every valid reading is stored, once.
    const stored = await storedSeqs(influx, [a.id, b.id, c.id, d.id])
    for (const device of [a, b, c, d]) expect(stored.get(device.id)).toEqual(range(VALID_PER_DEVICE))
    // Nothing from the closing kinds reached InfluxDB.
    expect((await storedSeqs(influx, [closer.id, foreignTarget.id])).get(foreignTarget.id)).toEqual([])

    // Every kept-connection bad message is a dead letter with its reason.
    const counts = await deadLetters.counts()
    expect((counts.bad_json ?? 0) + (counts.bad_metric ?? 0)).toBe(6 * EACH)
    expect(counts.ts_in_future).toBe(EACH)
    expect(counts.ts_too_old).toBe(EACH)
    expect(counts.not_authorized).toBe(EACH)
    expect(await counter('vigil_broker_packets_refused_total')).toBe(EACH)
    expect(await counter('vigil_broker_connections_total', 'result="refused"')).toBe(EACH)
    const letters = await deadLetters.list({ count: 10_000 })
    expect(letters.every((letter) => letter.detail.length > 0)).toBe(true)
    expect(letters.some((l) => l.reason === 'bad_metric' && l.detail.includes('metric names must match'))).toBe(true)
    expect(letters.some((l) => l.reason === 'bad_metric' && l.detail.includes('expected a finite number, got the string "12.5"'))).toBe(true)
    expect(letters.some((l) => l.payloadEncoding === 'base64')).toBe(true)

    // The broker and ingest still serve.
    const after = await connect(a)
    const ts = Date.now()
    await after.publishAsync(deviceTopic(a.siteId, a.id, 'telemetry'), JSON.stringify({ ts, metrics: { a: 1, seq: 9999 } }), { qos: 1 })
    const [series] = await influx.query(`SELECT "seq" FROM "telemetry" WHERE time = ${ts}ms`)
    expect(series?.values).toEqual([[ts, 9999]])
    await after.endAsync()
  })
})
