import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBroker } from '../../../broker/broker.js'
import type { RunningBroker } from '../../../broker/broker.js'
import { hashPassword } from '../../../core/auth/password-hash.js'
import { mqttServicePassword, provisionMqttServiceAccounts } from '../../../core/auth/service-provisioning.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { createMetrics } from '../../../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../../../core/metrics/vigil-metrics.js'
import { STORED_TELEMETRY_FILTER, decodeStoredBatch } from '../../../core/telemetry/stored-telemetry.js'
import type { DeviceContext } from '../../../core/registry/device-directory.js'
import { DeviceDirectory } from '../../../core/registry/device-directory.js'
import { IngestPipeline } from '../../../ingest/ingest-pipeline.js'
import { startMqttIngest } from '../../../ingest/mqtt-ingest.js'
import { createTelemetryHandler } from '../../../ingest/telemetry-handler.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const SECRET = 'test-service-secret-0123456789'
const PASSWORD = 'pump-password'

describe('broker: authentication, ACL and the embedded ingest', () => {
  let redis: TestRedis
  let influx: InfluxStore
  let registry: RegistryStore
  let deadLetters: DeadLetterStore
  let device: DeviceContext
  let other: DeviceContext
  let pipeline: IngestPipeline
  let broker: RunningBroker
  let metrics: VigilMetrics
  const clients: MqttClient[] = []
  const metricValue = async (name: string, label: string): Promise<number> => {
    const line = (await metrics.registry.getSingleMetricAsString(name)).split('\n').find((l) => l.startsWith(name) && l.includes(label))
    return Number(line?.split(' ').at(-1) ?? Number.NaN)
  }

  beforeEach(async () => {
    redis = testRedis()
    influx = await testInflux()
    registry = new RegistryStore(redis.redis, redis.keys)
    deadLetters = new DeadLetterStore(redis.redis, redis.keys, 1000)
    const hash = await hashPassword(PASSWORD)
    device = await registerPump(registry, PUMP, 'p1-gw', hash)
    other = await registerPump(registry, { ...PUMP, id: 'p2' }, 'p2-gw', hash)
    await provisionMqttServiceAccounts(registry, SECRET)
    pipeline = new IngestPipeline({ influx, deadLetters, logger: testLogger(), options: { batchMaxAgeMs: 20 } })
    const handle = createTelemetryHandler({ pipeline, directory: new DeviceDirectory(registry), deadLetters })
    metrics = createMetrics('test')
    broker = await startBroker({ registry, deadLetters, logger: testLogger(), metrics, options: { host: '127.0.0.1', port: 0 }, onTelemetry: handle })
  })

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)))
    await broker.close()
    await pipeline.close()
    await redis.close()
  })

  const connect = async (options: mqtt.IClientOptions): Promise<MqttClient> => {
    const client = mqtt.connect(broker.url, { reconnectPeriod: 0, protocolVersion: 4, clean: true, ...options })
    clients.push(client)
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve())
      client.once('error', reject)
    })
    return client
  }
  const refusal = (options: mqtt.IClientOptions): Promise<string> => connect(options).then(() => 'connected', (error: Error) => error.message)

  it('lets a device in with its id and password only, and counts logins and connected devices', async () => {
    await expect(connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })).resolves.toBeDefined()
    await new Promise((resolve) => setImmediate(resolve))
    expect(await metricValue('vigil_broker_connected_clients', 'kind="device"')).toBe(1)
    expect(await refusal({ clientId: 'p1-gw', username: 'p1-gw', password: 'wrong' })).toMatch(/Bad username or password/)
    expect(await refusal({ clientId: 'p1-gw' })).toMatch(/Not authorized/)
    expect(await refusal({ clientId: 'nobody', username: 'nobody', password: PASSWORD })).toMatch(/Bad username or password/)
    expect(await metricValue('vigil_broker_connections_total', 'result="refused"')).toBe(3)
    expect(await metricValue('vigil_broker_connections_total', 'result="accepted"')).toBe(1)
  })

  it("refuses a device that uses another client id (it could take over another device's session)", async () => {
    expect(await refusal({ clientId: 'p2-gw', username: 'p1-gw', password: PASSWORD })).toMatch(/Not authorized/)
  })

  it('acknowledges telemetry only after it is stored in InfluxDB', async () => {
    const client = await connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })
    const ts = Date.now() - 1000
    await client.publishAsync(device.telemetryTopic, JSON.stringify({ ts, metrics: { bearing_temp_c: 55.5 } }), { qos: 1 })
    // No waiting: the PUBACK itself means stored.
    const [series] = await influx.query(`SELECT "bearing_temp_c", "device", "equipment", "site" FROM "telemetry"`)
    expect(series?.values).toEqual([[ts, 55.5, 'p1-gw', 'p1', 's1']])
  })

  it("refuses a publish to another device's topic, closes the connection and dead-letters it", async () => {
    const client = await connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.publish(other.telemetryTopic, JSON.stringify({ ts: Date.now(), metrics: { bearing_temp_c: 99 } }), { qos: 1 })
    await closed
    const [letter] = await deadLetters.list()
    expect(letter).toMatchObject({ reason: 'not_authorized', topic: other.telemetryTopic, clientId: 'p1-gw', detail: expect.stringContaining('may not publish') as unknown })
    expect(await influx.query('SELECT * FROM "telemetry"')).toEqual([])
  })

  it('bad JSON and a non-numeric metric are acknowledged as dead letters; the valid messages around them are stored', async () => {
    const client = await connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })
    const t0 = Date.now() - 5000
    await client.publishAsync(device.telemetryTopic, JSON.stringify({ ts: t0, metrics: { bearing_temp_c: 50 } }), { qos: 1 })
    await client.publishAsync(device.telemetryTopic, '{not json', { qos: 1 })
    await client.publishAsync(device.telemetryTopic, JSON.stringify({ ts: t0 + 1, metrics: { bearing_temp_c: 'warm' } }), { qos: 1 })
    await client.publishAsync(device.telemetryTopic, JSON.stringify({ ts: t0 + 2, metrics: { bearing_temp_c: 52 } }), { qos: 1 })
    const [series] = await influx.query(`SELECT "bearing_temp_c" FROM "telemetry"`)
    expect(series?.values).toEqual([
      [t0, 50],
      [t0 + 2, 52]
    ])
    expect(await deadLetters.counts()).toEqual({ bad_json: 1, bad_metric: 1 })
  })

  it('republishes what it stored, batched per site, for the rules engine (and nothing it refused)', async () => {
    const rules = await connect({ clientId: 'vigil-rules', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })
    await rules.subscribeAsync(STORED_TELEMETRY_FILTER, { qos: 0 })
    const batches: { topic: string; entries: ReturnType<typeof decodeStoredBatch> }[] = []
    rules.on('message', (topic, payload) => batches.push({ topic, entries: decodeStoredBatch(payload) }))
    const pump = await connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })
    const ts = Date.now() - 1000
    await Promise.all([
      pump.publishAsync(device.telemetryTopic, JSON.stringify({ ts, metrics: { bearing_temp_c: 61 } }), { qos: 1 }),
      pump.publishAsync(device.telemetryTopic, '{broken', { qos: 1 }),
      pump.publishAsync(device.telemetryTopic, JSON.stringify({ ts: ts + 1, metrics: { bearing_temp_c: 62 } }), { qos: 1 })
    ])
    const sentinel = new Promise<void>((resolve) => rules.on('message', () => batches.flatMap((b) => b.entries).length >= 2 && resolve()))
    if (batches.flatMap((b) => b.entries).length < 2) await sentinel
    expect(batches.every((b) => b.topic === 'vigil/stored/s1')).toBe(true)
    expect(batches.flatMap((b) => b.entries)).toEqual([
      { deviceId: 'p1-gw', body: { ts, metrics: { bearing_temp_c: 61 } } },
      { deviceId: 'p1-gw', body: { ts: ts + 1, metrics: { bearing_temp_c: 62 } } }
    ])
  })

  it('lets a device subscribe to its own commands only', async () => {
    const client = await connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })
    const own = await client.subscribeAsync('sites/s1/devices/p1-gw/commands/#', { qos: 1 })
    expect(own[0]?.qos).toBe(1)
    // Refused in SUBACK (0x80), which mqtt.js turns into a rejection; the connection stays up.
    await expect(client.subscribeAsync('sites/+/devices/+/telemetry', { qos: 1 })).rejects.toThrow(/Subscribe error/)
    expect(client.connected).toBe(true)
  })

  it('lets service accounts log in with the derived password and read telemetry', async () => {
    expect(await refusal({ clientId: 'vigil-rules-x', username: 'vigil-rules', password: 'guess' })).toMatch(/Bad username or password/)
    expect(await refusal({ clientId: 'p1-gw', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })).toMatch(/Not authorized/)
    const rules = await connect({ clientId: 'vigil-rules', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })
    const granted = await rules.subscribeAsync('sites/+/devices/+/telemetry', { qos: 1 })
    expect(granted[0]?.qos).toBe(1)
    const received = new Promise<string>((resolve) => rules.once('message', (_topic, payload) => resolve(payload.toString())))
    const pump = await connect({ clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD })
    const body = JSON.stringify({ ts: Date.now(), metrics: { bearing_temp_c: 60 } })
    await pump.publishAsync(device.telemetryTopic, body, { qos: 1 })
    expect(await received).toBe(body)
  })
})

describe('MQTT-client ingest (for a broker that is not Vigil’s own)', () => {
  it('stores what it receives and acknowledges after the write', async () => {
    const redis = testRedis()
    const influx = await testInflux()
    const registry = new RegistryStore(redis.redis, redis.keys)
    const deadLetters = new DeadLetterStore(redis.redis, redis.keys, 1000)
    const device = await registerPump(registry, PUMP, 'p1-gw', await hashPassword(PASSWORD))
    await provisionMqttServiceAccounts(registry, SECRET)
    const broker = await startBroker({ registry, deadLetters, logger: testLogger(), options: { host: '127.0.0.1', port: 0 } })
    const pipeline = new IngestPipeline({ influx, deadLetters, logger: testLogger() })
    const ingest = await startMqttIngest({
      url: broker.url,
      username: 'vigil-ingest',
      password: mqttServicePassword(SECRET, 'ingest'),
      clientId: 'vigil-ingest',
      handle: createTelemetryHandler({ pipeline, directory: new DeviceDirectory(registry), deadLetters }),
      pipeline,
      deadLetters,
      logger: testLogger()
    })
    const acked = new Promise<void>((resolve) => broker.aedes.on('ack', (_packet, client) => client.id === 'vigil-ingest' && resolve()))
    const republished = new Promise<string>((resolve) =>
      broker.aedes.on('publish', (packet, client) => client?.id === 'vigil-ingest' && packet.topic.startsWith('vigil/stored/') && resolve(packet.topic))
    )
    const pump = mqtt.connect(broker.url, { clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD, reconnectPeriod: 0 })
    try {
      const ts = Date.now() - 1000
      await pump.publishAsync(device.telemetryTopic, JSON.stringify({ ts, metrics: { bearing_temp_c: 57 } }), { qos: 1 })
      await acked
      const [series] = await influx.query(`SELECT "bearing_temp_c" FROM "telemetry"`)
      expect(series?.values).toEqual([[ts, 57]])
      expect(await republished).toBe('vigil/stored/s1')
    } finally {
      await pump.endAsync(true)
      await ingest.close()
      await broker.close()
      await pipeline.close()
      await redis.close()
    }
  })
})
