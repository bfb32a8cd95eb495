import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
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
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const SECRET = 'test-service-secret-limits-0000'
const PASSWORD = 'pump-password'

describe('broker limits, status and listeners', () => {
  let redis: TestRedis
  let registry: RegistryStore
  let broker: RunningBroker | undefined
  let metrics: VigilMetrics
  let certDir: string
  const clients: MqttClient[] = []

  beforeAll(async () => {
    redis = testRedis()
    registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry, PUMP, 'p1-gw', await hashPassword(PASSWORD))
    await provisionMqttServiceAccounts(registry, SECRET)
    certDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-tls-'))
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')])
  })
  afterAll(async () => {
    await redis.close()
    await rm(certDir, { recursive: true, force: true })
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)))
    await broker?.close()
    broker = undefined
  })

  const start = async (options: Partial<BrokerOptions> = {}): Promise<RunningBroker> => {
    metrics = createMetrics('test')
    broker = await startBroker({
      registry,
      deadLetters: new DeadLetterStore(redis.redis, redis.keys, 100),
      logger: testLogger(),
      metrics,
      options: { host: '127.0.0.1', port: 0, ...options }
    })
    return broker
  }
  const connect = (url: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, clientId: 'p1-gw', username: 'p1-gw', password: PASSWORD, ...options })
    clients.push(client)
    return new Promise((resolve, reject) => {
      client.once('connect', () => resolve(client))
      client.once('error', reject)
      client.once('close', () => reject(new Error('closed before CONNACK')))
    })
  }
  const outcome = (promise: Promise<unknown>): Promise<string> => promise.then(() => 'connected', (error: Error) => error.message)
  const counter = async (name: string, label: string): Promise<number> => {
    const line = (await metrics.registry.getSingleMetricAsString(name)).split('\n').find((l) => l.startsWith(name) && l.includes(label))
    return Number(line?.split(' ').at(-1) ?? 0)
  }

  it('closes a connection that announces a packet over the size limit, before reading it', async () => {
    const { url } = await start({ maxPacketBytes: 1024 })
    const client = await connect(url)
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.publish('sites/s1/devices/p1-gw/telemetry', Buffer.alloc(4096, 0x20), { qos: 1 })
    await closed
    expect(await counter('vigil_broker_packets_refused_total', '')).toBe(1)
    await expect(connect(url)).resolves.toBeDefined()
  })

  it('refuses connections beyond the per-address burst, counting them', async () => {
    const { url } = await start({ connectBurstPerAddress: 2, connectsPerSecondPerAddress: 0.001 })
    expect(await outcome(connect(url))).toBe('connected')
    expect(await outcome(connect(url, { clientId: 'vigil-rules-1', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') }))).toBe('connected')
    expect(await outcome(connect(url, { clientId: 'vigil-rules-2', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') }))).not.toBe('connected')
    expect(await counter('vigil_broker_connections_total', 'result="rate_limited"')).toBe(1)
  })

  it('closes connections beyond the maximum at once', async () => {
    const { url } = await start({ maxConnections: 1 })
    await connect(url)
    expect(await outcome(connect(url, { clientId: 'vigil-rules-1', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') }))).not.toBe('connected')
    expect(await counter('vigil_broker_connections_total', 'result="max_connections"')).toBe(1)
  })

  it('slows down logins from an address after repeated failures', async () => {
    const { url } = await start()
    const timeOf = async (): Promise<number> => {
      const started = performance.now()
      expect(await outcome(connect(url, { password: 'wrong' }))).toMatch(/Bad username or password/)
      return performance.now() - started
    }
    for (let i = 0; i < 3; i++) await timeOf()
    expect(await timeOf()).toBeGreaterThanOrEqual(240)
    expect(await timeOf()).toBeGreaterThanOrEqual(490)
    expect(await counter('vigil_broker_connections_total', 'result="refused"')).toBe(5)
  })

  it('refuses a client asking for no keep-alive or a longer one than allowed', async () => {
    const { url } = await start({ keepaliveMaxS: 60 })
    expect(await outcome(connect(url, { keepalive: 0 }))).toMatch(/Not authorized/)
    expect(await outcome(connect(url, { keepalive: 61 }))).toMatch(/Not authorized/)
    expect(await outcome(connect(url, { keepalive: 60 }))).toBe('connected')
  })

  it('keeps anonymous access off unless configured; then a client is the device its id names, under its ACL', async () => {
    const off = await start()
    expect(await outcome(connect(off.url, { username: undefined, password: undefined }))).toMatch(/Not authorized/)
    await off.close()
    const on = await start({ allowAnonymous: true })
    const device = await connect(on.url, { username: undefined, password: undefined })
    expect(await outcome(connect(on.url, { clientId: 'stranger', username: undefined, password: undefined }))).toMatch(/Not authorized/)
    await expect(device.subscribeAsync('sites/+/devices/+/telemetry')).rejects.toThrow(/Subscribe error/)
  })

  it('keeps the retained device status: online on connect, offline after a clean disconnect', async () => {
    const { url } = await start()
    const watcher = await connect(url, { clientId: 'vigil-rules-w', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })
    const statuses: string[] = []
    watcher.on('message', (_topic, payload) => statuses.push(payload.toString()))
    await watcher.subscribeAsync('sites/s1/devices/p1-gw/status', { qos: 1 })
    const online = new Promise<void>((resolve) => watcher.on('message', (_t, payload) => payload.toString() === 'online' && resolve()))
    const device = await connect(url)
    await online
    const offline = new Promise<void>((resolve) => watcher.on('message', (_t, payload) => payload.toString() === 'offline' && resolve()))
    await device.endAsync()
    await offline
    expect(statuses.slice(-2)).toEqual(['online', 'offline'])
    const late = await connect(url, { clientId: 'vigil-rules-late', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })
    const retained = new Promise<{ payload: string; retain: boolean }>((resolve) => late.once('message', (_t, payload, packet) => resolve({ payload: payload.toString(), retain: packet.retain })))
    await late.subscribeAsync('sites/s1/devices/p1-gw/status', { qos: 1 })
    expect(await retained).toEqual({ payload: 'offline', retain: true })
  })

  it('speaks MQTT over TLS and over WebSocket when configured', async () => {
    const running = await start({ tls: { port: 0, certFile: path.join(certDir, 'cert.pem'), keyFile: path.join(certDir, 'key.pem') }, wsPort: 0 })
    expect(running.tlsPort).toBeGreaterThan(0)
    expect(running.wsPort).toBeGreaterThan(0)
    const overTls = await connect(`mqtts://127.0.0.1:${running.tlsPort ?? 0}`, { rejectUnauthorized: false })
    expect(overTls.connected).toBe(true)
    await overTls.endAsync()
    const overWs = await connect(`ws://127.0.0.1:${running.wsPort ?? 0}/mqtt`, { clientId: 'vigil-rules-ws', username: 'vigil-rules', password: mqttServicePassword(SECRET, 'rules') })
    const granted = await overWs.subscribeAsync('sites/+/devices/+/telemetry', { qos: 1 })
    expect(granted[0]?.qos).toBe(1)
  })
})
