import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startBroker } from '../../../broker/broker.js'
import type { BrokerOptions, RunningBroker } from '../../../broker/broker.js'
import { hashPassword } from '../../../core/auth/password-hash.js'
import { mqttServicePassword, provisionMqttServiceAccounts } from '../../../core/auth/service-provisioning.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import { createMetrics } from '../../../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../../../core/metrics/vigil-metrics.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import type { DeviceContext } from '../../../core/registry/device-directory.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const SECRET = 'test-service-secret-state-00000'
const PASSWORD = 'pump-password'
// The broker's persistence and emitter keys are not prefixed: this file gets a database of its own.
const STATE_DB = 7

describe('broker persistence, shared routing and the queue bound', () => {
  let redis: TestRedis
  let registry: RegistryStore
  let device: DeviceContext
  let stateUrl: string
  const brokers: RunningBroker[] = []
  const clients: MqttClient[] = []

  beforeAll(async () => {
    redis = testRedis()
    registry = new RegistryStore(redis.redis, redis.keys)
    device = await registerPump(registry, PUMP, 'p1-gw', await hashPassword(PASSWORD))
    await provisionMqttServiceAccounts(registry, SECRET)
    stateUrl = `${redisUrl()}/${STATE_DB}`
  })
  afterAll(async () => {
    const state = createRedis(stateUrl, 'test-cleanup')
    await state.flushdb()
    await state.quit()
    await redis.close()
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)))
    await Promise.all(brokers.splice(0).map((broker) => broker.close()))
  })

  const start = async (options: Partial<BrokerOptions>, metrics?: VigilMetrics): Promise<RunningBroker> => {
    const broker = await startBroker({
      registry,
      deadLetters: new DeadLetterStore(redis.redis, redis.keys, 100),
      logger: testLogger(),
      ...(metrics === undefined ? {} : { metrics }),
      options: { host: '127.0.0.1', port: 0, stateRedisUrl: stateUrl, ...options }
    })
    brokers.push(broker)
    return broker
  }
  const connect = async (url: string, options: mqtt.IClientOptions): Promise<MqttClient> => {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options })
    clients.push(client)
    return client
  }
  const ingestAccount = (clientId: string): mqtt.IClientOptions => ({ clientId, username: 'vigil-ingest', password: mqttServicePassword(SECRET, 'ingest'), clean: false })
  const pump: mqtt.IClientOptions = { clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD }
  const receive = (client: MqttClient, count: number): Promise<number[]> =>
    new Promise((resolve) => {
      const seqs: number[] = []
      client.on('message', (_topic, payload) => {
        seqs.push((JSON.parse(payload.toString()) as { seq: number }).seq)
        if (seqs.length === count) resolve(seqs)
      })
    })

  it('with Redis persistence, delivers what it queued for a persistent session after a restart', async () => {
    const first = await start({ persistence: 'redis' })
    const subscriber = await connect(first.url, ingestAccount('vigil-ingest-restart'))
    await subscriber.subscribeAsync(device.telemetryTopic, { qos: 1 })
    await subscriber.endAsync()
    const publisher = await connect(first.url, pump)
    for (let seq = 0; seq < 20; seq++) await publisher.publishAsync(device.telemetryTopic, JSON.stringify({ ts: Date.now(), seq, metrics: { a: seq } }), { qos: 1 })
    await publisher.endAsync()
    await first.close()
    brokers.splice(brokers.indexOf(first), 1)

    const second = await start({ persistence: 'redis' })
    const back = mqtt.connect(second.url, { reconnectPeriod: 0, ...ingestAccount('vigil-ingest-restart') })
    clients.push(back)
    const received = receive(back, 20)
    expect((await received).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it('with the Redis emitter, a device on one broker reaches a subscriber on another', async () => {
    const a = await start({ emitter: 'redis' })
    const b = await start({ emitter: 'redis' })
    const subscriber = await connect(b.url, { clientId: 'vigil-rules-b', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })
    await subscriber.subscribeAsync(device.telemetryTopic, { qos: 1 })
    const received = receive(subscriber, 3)
    const publisher = await connect(a.url, pump)
    for (let seq = 0; seq < 3; seq++) await publisher.publishAsync(device.telemetryTopic, JSON.stringify({ ts: Date.now(), seq, metrics: { a: seq } }), { qos: 1 })
    expect(await received).toEqual([0, 1, 2])
  })

  it('stops acknowledging publishes at its bound of undelivered messages, and resumes when the subscriber catches up', async () => {
    const metrics = createMetrics('test')
    const broker = await start({ maxQueuedMessages: 5 }, metrics)
    const subscriber = await connect(broker.url, ingestAccount('vigil-ingest-bound'))
    await subscriber.subscribeAsync(device.telemetryTopic, { qos: 1 })
    await subscriber.endAsync()
    const publisher = await connect(broker.url, pump)
    const publish = (seq: number) => publisher.publishAsync(device.telemetryTopic, JSON.stringify({ ts: Date.now(), seq, metrics: { a: seq } }), { qos: 1 })
    for (let seq = 0; seq < 5; seq++) await publish(seq)
    let sixthAcked = false
    const sixth = publish(5).then(() => {
      sixthAcked = true
    })
    // Give the broker time in which it could wrongly acknowledge the sixth.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sixthAcked).toBe(false)
    expect(await metrics.registry.getSingleMetricAsString('vigil_broker_backpressure')).toMatch(/vigil_broker_backpressure\{[^}]*\} 1/)

    const back = mqtt.connect(broker.url, { reconnectPeriod: 0, ...ingestAccount('vigil-ingest-bound') })
    clients.push(back)
    const received = receive(back, 6)
    await sixth
    expect((await received).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5])
    expect(await metrics.registry.getSingleMetricAsString('vigil_broker_backpressure')).toMatch(/vigil_broker_backpressure\{[^}]*\} 0/)
  })
})
