import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { provisionMqttServiceAccounts } from '../../core/auth/service-provisioning.js'
import { connectInflux } from '../../core/influx/influx-store.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { freePort } from '../../core/services/free-port.js'
import { startInfluxd } from '../../core/services/influxd.js'
import { findOnPath } from '../../core/services/local-services.js'
import type { RunningService } from '../../core/services/running-service.js'
import { runLoad } from '../../simulators/load-generator.js'
import { range, registerLoadFleet, storedSeqs } from '../helpers/fault-fleet.js'
import { redisUrl, testRedis, uniqueName } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { startVigilProcess } from '../helpers/vigil-process.js'
import type { VigilProcess } from '../helpers/vigil-process.js'

const influxd = await findOnPath('influxd')
const OUTAGE_S = Number(process.env.VIGIL_DRILL_OUTAGE_S ?? 60)
const DEVICES = 20
const RATE = 10
const SECRET = 'fault-drill-secret-000000000000'

/**
 * InfluxDB stopped for 60 s while 20 devices publish 10 readings/s each, QoS 1, to `vigil broker`
 * (embedded ingest, its own process): afterwards every reading sent is in InfluxDB exactly once,
 * counted per device by seq.
 */
describe.skipIf(influxd === undefined)('fault drill: InfluxDB down for a minute (needs influxd on the PATH)', () => {
  let dir: string
  let redis: TestRedis
  let influx: RunningService
  let broker: VigilProcess
  let influxPort: number
  const database = uniqueName('drill')

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-drill-influx-'))
    influxPort = await freePort()
    influx = await startInfluxd(influxd as string, path.join(dir, 'influxdb'), { httpPort: influxPort })
    redis = testRedis()
  })
  afterAll(async () => {
    await broker?.kill('SIGTERM')
    await influx.stop()
    await redis.close()
    await rm(dir, { recursive: true, force: true })
  })

  it(`stores every reading exactly once after a ${OUTAGE_S} s outage`, { timeout: (OUTAGE_S + 120) * 1000 }, async () => {
    const registry = new RegistryStore(redis.redis, redis.keys)
    const devices = await registerLoadFleet(registry, DEVICES)
    await provisionMqttServiceAccounts(registry, SECRET)
    const mqttPort = await freePort()
    broker = await startVigilProcess('broker', {
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redis.keys.prefix,
      INFLUX_URL: `http://127.0.0.1:${influxPort}`,
      INFLUX_VERSION: '1',
      INFLUX_DATABASE: database,
      VIGIL_SERVICE_SECRET: SECRET,
      MQTT_PORT: String(mqttPort),
      INGEST_RETRY_MAX_DELAY_MS: '1000'
    })

    const before = 10
    const after = 15
    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, before * 1000))
      await influx.stop()
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_S * 1000))
      influx = await startInfluxd(influxd as string, path.join(dir, 'influxdb'), { httpPort: influxPort })
    })()
    const load = await runLoad({
      brokerUrl: `mqtt://127.0.0.1:${mqttPort}`,
      devices,
      durationMs: (before + OUTAGE_S + after) * 1000,
      mode: { kind: 'rate', messagesPerSecond: RATE },
      resilient: { reconnectPeriodMs: 500 },
      stampSeq: true,
      drainTimeoutMs: 60_000
    })
    await outage

    expect(load.messagesAcked).toBe(load.messagesSent)
    // Readings sent during the outage waited for it to end before their PUBACK.
    expect(Math.max(...load.latenciesMs)).toBeGreaterThan((OUTAGE_S - 5) * 1000)
    const store = await connectInflux({ url: `http://127.0.0.1:${influxPort}`, token: '', database, org: '', version: '1' })
    const stored = await storedSeqs(store, devices.map((d) => d.id))
    for (const device of devices) {
      const sent = load.readingsSent.get(device.id) ?? 0
      expect(sent).toBeGreaterThan((before + OUTAGE_S) * RATE)
      expect(stored.get(device.id)).toEqual(range(sent))
    }
  })
})
