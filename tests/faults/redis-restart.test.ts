import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Queue, QueueEvents } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { startAll } from '../../bin/start-all.js'
import type { RunningVigil } from '../../bin/start-all.js'
import { loadConfig } from '../../core/config/config.js'
import { createRedis } from '../../core/redis/redis-connection.js'
import { freePort } from '../../core/services/free-port.js'
import { findOnPath } from '../../core/services/local-services.js'
import { startRedisServer } from '../../core/services/redis-server.js'
import type { RunningService } from '../../core/services/running-service.js'
import { waitUntil } from '../../core/services/wait-until.js'
import { WORK_ORDER_QUEUE } from '../../rules/work-order-job.js'
import { testLogger } from '../helpers/test-logger.js'
import { influxUrl, uniqueName } from '../helpers/test-services.js'

const redisServer = await findOnPath('redis-server')
const PUMP = 'hv-a-pump-1'

/**
 * Redis stopped and restarted while the fleet publishes and, at the worst moment, while the job
 * that opens the failing pump's work order is running: no acknowledged reading is lost, and the
 * pump gets one work order, not two.
 */
describe.skipIf(redisServer === undefined)('fault drill: Redis restarted during the stream (needs redis-server on the PATH)', () => {
  let dir: string
  let redis: RunningService
  let vigil: RunningVigil | undefined

  afterAll(async () => {
    await vigil?.close()
    await redis.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('loses no reading and opens one work order', { timeout: 120_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-drill-redis-'))
    const port = await freePort()
    redis = await startRedisServer(redisServer as string, path.join(dir, 'redis'), { port })
    const url = `redis://127.0.0.1:${port}`
    const config = loadConfig({
      MQTT_PORT: '0',
      API_PORT: '0',
      REDIS_URL: url,
      INFLUX_URL: influxUrl(),
      INFLUX_DATABASE: uniqueName('drill'),
      DATA_DIR: dir,
      VIGIL_SERVICE_SECRET: 'fault-drill-secret-redis-000000'
    })
    const eventsConnection = createRedis(url, 'drill-events')
    const events = new QueueEvents(WORK_ORDER_QUEUE, { connection: eventsConnection, prefix: `${config.redis.keyPrefix}:bull` })
    await events.waitUntilReady()
    const restart = async (): Promise<void> => {
      await redis.stop()
      redis = await startRedisServer(redisServer as string, path.join(dir, 'redis'), { port })
    }
    // The worst moment: the job that opens the work order has started, and Redis goes away.
    const restartedDuringJob = new Promise<void>((resolve) => events.once('active', () => void restart().then(resolve)))

    vigil = await startAll({
      config,
      logger: testLogger(),
      say: () => undefined,
      simulator: { faults: [{ kind: 'bearing-overheat', equipmentId: PUMP }], faultDurationMs: 6000, intervalMs: 100 }
    })
    const running = vigil
    // And once before any alert, while every device is publishing.
    await waitUntil(async () => Promise.resolve((running.simulator?.published ?? 0) > 200), { timeoutMs: 20_000, intervalMs: 50, what: 'the fleet to publish' })
    await restart()
    await restartedDuringJob

    const workOrders = async (): Promise<{ id: string; equipmentId: string }[]> => {
      const response = await fetch(`${running.apiUrl}/api/v1/work-orders`, { headers: { authorization: `Bearer ${running.adminToken}` } })
      return ((await response.json()) as { items: { id: string; equipmentId: string }[] }).items
    }
    await waitUntil(async () => (await workOrders()).some((wo) => wo.equipmentId === PUMP), { timeoutMs: 30_000, intervalMs: 200, what: 'the work order' })
    // Let every job settle, retries included, before counting work orders.
    const queue = new Queue(WORK_ORDER_QUEUE, { connection: running.context.redis, prefix: `${config.redis.keyPrefix}:bull` })
    await waitUntil(
      async () => {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed')
        return (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.delayed ?? 0) === 0
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the work-order jobs to settle' }
    )
    await queue.close()
    expect((await workOrders()).filter((wo) => wo.equipmentId === PUMP)).toHaveLength(1)

    // Every reading a device had acknowledged is stored (one per message; its type's first metric counts it).
    await running.simulator?.close()
    const published = running.simulator?.published ?? 0
    const [series] = await running.context.influx.query('SELECT count("bearing_temp_c"), count("door_close_time_s"), count("main_pressure_bar") FROM "telemetry"')
    const stored = (series?.values[0]?.slice(1) as number[]).reduce((sum, n) => sum + (n ?? 0), 0)
    expect(published).toBeGreaterThan(1000)
    expect(stored).toBeGreaterThanOrEqual(published)
    await events.close()
    await eventsConnection.quit()
  })
})
