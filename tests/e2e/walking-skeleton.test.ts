import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { QueueEvents } from 'bullmq'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAll } from '../../bin/start-all.js'
import type { RunningVigil } from '../../bin/start-all.js'
import { devicePassword } from '../../core/auth/service-provisioning.js'
import { loadConfig } from '../../core/config/config.js'
import { createRedis } from '../../core/redis/redis-connection.js'
import { deviceTopic } from '../../core/telemetry/topics.js'
import { WORK_ORDER_QUEUE } from '../../rules/work-order-job.js'
import { testLogger } from '../helpers/test-logger.js'
import { influxUrl, redisUrl, uniqueName } from '../helpers/test-services.js'

const SECRET = 'end-to-end-test-secret-000000'
const PUMP = 'hv-a-pump-1'

/**
 * The walking skeleton end to end, every part in-process on free ports against the run's real
 * Redis and InfluxDB: the simulated fleet with a bearing fault on one pump, the broker with the
 * embedded ingest, the rules engine, the BullMQ job and the REST API.
 */
describe('from a simulated pump to a work order', () => {
  let vigil: RunningVigil
  let dataDir: string
  const api = async <T>(url: string): Promise<T> => {
    const response = await fetch(`${vigil.apiUrl}${url}`, { headers: { authorization: `Bearer ${vigil.adminToken}` } })
    expect(response.status).toBe(200)
    return (await response.json()) as T
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-e2e-'))
    const config = loadConfig({
      MQTT_PORT: '0',
      API_PORT: '0',
      REDIS_URL: redisUrl(),
      INFLUX_URL: influxUrl(),
      REDIS_PREFIX: uniqueName('e2e'),
      INFLUX_DATABASE: uniqueName('e2e'),
      DATA_DIR: dataDir,
      VIGIL_SERVICE_SECRET: SECRET
    })
    // Ten readings a second and a fault that reaches full severity in 6 s: the default rules
    // (80 °C for 10 s) then fire about 13 s in instead of about a minute.
    vigil = await startAll({
      config,
      logger: testLogger(),
      say: () => undefined,
      simulator: { faults: [{ kind: 'bearing-overheat', equipmentId: PUMP }], faultDurationMs: 6000, intervalMs: 100 }
    })
  })

  afterAll(async () => {
    await vigil.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('opens one work order for the failing pump and serves its rising temperature trend', { timeout: 60_000 }, async () => {
    const connection = createRedis(redisUrl(), 'e2e-events')
    const events = new QueueEvents(WORK_ORDER_QUEUE, { connection, prefix: vigil.context.keys.bullPrefix })
    try {
      await events.waitUntilReady()
      const opened = new Promise<string>((resolve) => events.on('completed', ({ returnvalue }) => resolve(String(returnvalue))))
      const existing = await api<{ items: { id: string }[] }>('/api/v1/work-orders')
      const workOrderId = existing.items[0]?.id ?? (await opened)

      const { items } = await api<{ items: { id: string; equipmentId: string; priority: string; source: { kind: string; ruleIds: string[] } }[] }>('/api/v1/work-orders')
      const forPump = items.filter((wo) => wo.equipmentId === PUMP)
      expect(forPump).toHaveLength(1)
      expect(forPump[0]).toMatchObject({ id: workOrderId, priority: 'urgent', source: { kind: 'alert', ruleIds: expect.arrayContaining(['bearing-overheat']) as unknown } })
      expect(items.filter((wo) => wo.equipmentId !== PUMP)).toEqual([])

      const alerts = await api<{ items: { equipmentId: string; workOrderId?: string }[] }>(`/api/v1/alerts?equipmentId=${PUMP}`)
      expect(alerts.items.length).toBeGreaterThan(0)

      const trend = await api<{ points: { mean: number; max: number }[] }>(`/api/v1/equipment/${PUMP}/telemetry?metric=bearing_temp_c&from=${Date.now() - 120_000}&every=1s`)
      expect(trend.points.length).toBeGreaterThan(10)
      const means = trend.points.map((p) => p.mean)
      expect(Math.max(...means.slice(-3))).toBeGreaterThan(80)
      expect(means.at(-1) as number).toBeGreaterThan((means[0] as number) + 20)
    } finally {
      await events.close()
      await connection.quit()
    }
  })

  it("refuses bad JSON, another device's topic and a non-numeric metric with reasons, and stores the valid messages around them", async () => {
    const device = vigil.fleet.devices.find((d) => d.equipmentId === 'hv-b-pump-1')
    const neighbour = vigil.fleet.devices.find((d) => d.equipmentId === 'hv-b-pump-2')
    if (device === undefined || neighbour === undefined) throw new Error('fleet changed: pick two other pumps')
    // The simulator already runs this device; take its identity for this test's messages.
    await vigil.simulator?.close()
    const topic = deviceTopic(device.siteId, device.id, 'telemetry')
    const connect = () => mqtt.connectAsync(vigil.mqttUrl, { clientId: device.id, username: device.id, password: devicePassword(SECRET, device.id), reconnectPeriod: 0 })
    // An hour back: before the simulator started, so only this test's readings are in that range.
    const t0 = Date.now() - 3_600_000
    const client = await connect()
    await client.publishAsync(topic, JSON.stringify({ ts: t0, metrics: { outlet_pressure_bar: 3.1 } }), { qos: 1 })
    await client.publishAsync(topic, '{"ts": oops', { qos: 1 })
    await client.publishAsync(topic, JSON.stringify({ ts: t0 + 1, metrics: { outlet_pressure_bar: 'low' } }), { qos: 1 })
    await client.publishAsync(topic, JSON.stringify({ ts: t0 + 2, metrics: { outlet_pressure_bar: 3.3 } }), { qos: 1 })
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.publish(deviceTopic(neighbour.siteId, neighbour.id, 'telemetry'), JSON.stringify({ ts: t0 + 3, metrics: { outlet_pressure_bar: 9 } }), { qos: 1 })
    await closed
    const again = await connect()
    await again.publishAsync(topic, JSON.stringify({ ts: t0 + 4, metrics: { outlet_pressure_bar: 3.4 } }), { qos: 1 })
    await again.endAsync()

    const [series] = await vigil.context.influx.query(`SELECT "outlet_pressure_bar" FROM "telemetry" WHERE "device" = '${device.id}' AND time >= ${t0}ms AND time <= ${t0 + 10}ms`)
    expect(series?.values).toEqual([
      [t0, 3.1],
      [t0 + 2, 3.3],
      [t0 + 4, 3.4]
    ])
    const [neighbourSeries] = await vigil.context.influx.query(`SELECT "outlet_pressure_bar" FROM "telemetry" WHERE "device" = '${neighbour.id}' AND time = ${t0 + 3}ms`)
    expect(neighbourSeries).toBeUndefined()
    const letters = await vigil.context.deadLetters.list()
    expect(letters.map((l) => [l.reason, l.clientId])).toEqual(
      expect.arrayContaining([
        ['bad_json', device.id],
        ['bad_metric', device.id],
        ['not_authorized', device.id]
      ])
    )
    expect(letters.find((l) => l.reason === 'bad_metric')?.detail).toContain('metrics.outlet_pressure_bar: expected a finite number')
  })
})
