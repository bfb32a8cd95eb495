import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import { connectInflux } from '../../../core/influx/influx-store.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import type { DeviceContext } from '../../../core/registry/device-directory.js'
import { freePort } from '../../../core/services/free-port.js'
import { startInfluxd } from '../../../core/services/influxd.js'
import { findOnPath } from '../../../core/services/local-services.js'
import { IngestPipeline } from '../../../ingest/ingest-pipeline.js'
import { createMetrics } from '../../../core/metrics/vigil-metrics.js'
import { registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testInflux, testRedis, uniqueName } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const influxd = await findOnPath('influxd')

describe('IngestPipeline against real InfluxDB and Redis', () => {
  let redis: TestRedis
  let influx: InfluxStore
  let deadLetters: DeadLetterStore
  let device: DeviceContext

  beforeEach(async () => {
    redis = testRedis()
    influx = await testInflux()
    deadLetters = new DeadLetterStore(redis.redis, redis.keys, 1000)
    device = await registerPump(new RegistryStore(redis.redis, redis.keys))
  })
  afterEach(async () => {
    await redis.close()
  })

  const message = (body: unknown) => ({
    topic: device.telemetryTopic,
    clientId: device.device.id,
    payload: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    device
  })
  const storedTimes = async (metric: string): Promise<number[]> => {
    const series = await influx.query(`SELECT "${metric}" FROM "telemetry" WHERE "device" = '${device.device.id}'`)
    return (series[0]?.values ?? []).map((row) => row[0] as number)
  }

  it('resolves a message only once its readings are in InfluxDB, many messages per write', async () => {
    const pipeline = new IngestPipeline({ influx, deadLetters, logger: testLogger(), options: { batchMaxAgeMs: 50, batchMaxPoints: 1000 } })
    const t0 = Date.now() - 60_000
    const accepted = Array.from({ length: 20 }, (_, i) =>
      pipeline.accept(message({ ts: t0 + i, seq: i, metrics: { bearing_temp_c: 50 + i / 10 } })).then(async () => (await storedTimes('bearing_temp_c')).includes(t0 + i))
    )
    expect(await Promise.all(accepted)).toEqual(Array(20).fill(true))
    expect(pipeline.stats).toMatchObject({ messagesStored: 20, pointsWritten: 20, pendingMessages: 0 })
    expect(pipeline.stats.batchesWritten).toBeLessThan(5)
    await pipeline.close()
  })

  it('dead-letters bad JSON and a non-numeric metric with their reasons, and stores the valid messages around them', async () => {
    const pipeline = new IngestPipeline({ influx, deadLetters, logger: testLogger(), options: { batchMaxAgeMs: 20 } })
    const t0 = Date.now() - 30_000
    await Promise.all([
      pipeline.accept(message({ ts: t0, metrics: { bearing_temp_c: 50 } })),
      pipeline.accept(message('{"ts": 1, "metrics": ')),
      pipeline.accept(message({ ts: t0 + 1, metrics: { bearing_temp_c: 51 } })),
      pipeline.accept(message({ ts: t0 + 2, metrics: { bearing_temp_c: 'hot' } })),
      pipeline.accept(message({ ts: t0 + 3, metrics: { bearing_temp_c: 52 } }))
    ])
    expect(await storedTimes('bearing_temp_c')).toEqual([t0, t0 + 1, t0 + 3])
    const letters = await deadLetters.list()
    expect(letters.map((l) => l.reason).sort()).toEqual(['bad_json', 'bad_metric'])
    expect(letters.find((l) => l.reason === 'bad_metric')).toMatchObject({
      detail: expect.stringContaining('metrics.bearing_temp_c: expected a finite number') as unknown,
      topic: device.telemetryTopic,
      clientId: device.device.id,
      payload: expect.stringContaining('"hot"') as unknown
    })
    expect(await deadLetters.counts()).toEqual({ bad_json: 1, bad_metric: 1 })
    await pipeline.close()
  })

  it('finds the line InfluxDB refuses in a batch, dead-letters it and stores the rest', async () => {
    const t0 = Date.now() - 20_000
    // A field stored as a string first makes a later float for it a type conflict (400, partial write).
    await influx.writeLines([`${device.telemetrySeriesKey} vibration_mm_s="broken" ${t0 - 1000}`])
    const pipeline = new IngestPipeline({ influx, deadLetters, logger: testLogger(), options: { batchMaxAgeMs: 20 } })
    await Promise.all([
      pipeline.accept(message({ ts: t0, metrics: { bearing_temp_c: 50 } })),
      pipeline.accept(message({ ts: t0 + 1, metrics: { vibration_mm_s: 2.5 } })),
      pipeline.accept(message({ ts: t0 + 2, metrics: { bearing_temp_c: 52 } })),
      pipeline.accept(message({ ts: t0 + 3, metrics: { bearing_temp_c: 53 } }))
    ])
    expect(await storedTimes('bearing_temp_c')).toEqual([t0, t0 + 2, t0 + 3])
    const [letter] = await deadLetters.list()
    expect(letter).toMatchObject({ reason: 'write_rejected', detail: expect.stringContaining('field type conflict') as unknown })
    expect(pipeline.stats).toMatchObject({ messagesStored: 3, messagesDeadLettered: 1 })
    await pipeline.close()
  })

  it.skipIf(influxd === undefined)('holds messages while InfluxDB is down and stores them when it comes back (needs influxd on the PATH)', async () => {
    const port = await freePort()
    const down = await connectInflux({ url: `http://127.0.0.1:${port}`, token: '', database: uniqueName('t'), org: '', version: '1', timeoutMs: 1000 })
    const pipeline = new IngestPipeline({ influx: down, deadLetters, logger: testLogger(), options: { batchMaxAgeMs: 10, retryBaseMs: 20, retryMaxDelayMs: 200 } })
    let stored = false
    const t0 = Date.now() - 10_000
    const accepted = pipeline.accept(message({ ts: t0, metrics: { bearing_temp_c: 61 } })).then(() => {
      stored = true
    })
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-outage-'))
    try {
      while (pipeline.stats.writeRetries < 3) await new Promise((resolve) => setImmediate(resolve))
      expect(stored).toBe(false)
      const server = await startInfluxd(influxd as string, dir, { httpPort: port })
      try {
        await down.ensureDatabase()
        await accepted
        expect(stored).toBe(true)
        const [series] = await down.query(`SELECT "bearing_temp_c" FROM "telemetry"`)
        expect(series?.values).toEqual([[t0, 61]])
      } finally {
        await server.stop()
      }
    } finally {
      await pipeline.close(100)
      await rm(dir, { recursive: true, force: true })
    }
  })

  it.skipIf(influxd === undefined)('holds new messages back at its bound of pending points, says so in its metrics, and takes them once InfluxDB catches up (needs influxd on the PATH)', async () => {
    const port = await freePort()
    const slow = await connectInflux({ url: `http://127.0.0.1:${port}`, token: '', database: uniqueName('t'), org: '', version: '1', timeoutMs: 1000 })
    const metrics = createMetrics('test')
    const pipeline = new IngestPipeline({ influx: slow, deadLetters, metrics, logger: testLogger(), options: { maxPendingPoints: 3, batchMaxAgeMs: 10, retryBaseMs: 20, retryMaxDelayMs: 100 } })
    const t0 = Date.now() - 10_000
    const settled: number[] = []
    const first = [0, 1, 2].map((i) => pipeline.accept(message({ ts: t0 + i, metrics: { a: i } })).then(() => settled.push(i)))
    const held = pipeline.accept(message({ ts: t0 + 3, metrics: { a: 3 } })).then(() => settled.push(3))
    expect(pipeline.stats).toMatchObject({ pendingPoints: 3, backpressureEvents: 1 })
    expect((await metrics.registry.getSingleMetricAsString('vigil_ingest_backpressure')).trim().split('\n').at(-1)).toMatch(/ 1$/)
    // The fourth message is not even taken in while the first three wait for InfluxDB.
    while (pipeline.stats.writeRetries < 2) await new Promise((resolve) => setImmediate(resolve))
    expect(pipeline.stats.messagesAccepted).toBe(3)
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bound-'))
    const server = await startInfluxd(influxd as string, dir, { httpPort: port })
    try {
      await Promise.all([...first, held])
      expect(settled.sort()).toEqual([0, 1, 2, 3])
      expect(pipeline.stats).toMatchObject({ messagesStored: 4, pendingPoints: 0 })
      expect((await metrics.registry.getSingleMetricAsString('vigil_ingest_backpressure')).trim().split('\n').at(-1)).toMatch(/ 0$/)
    } finally {
      await pipeline.close(100)
      await server.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('on close, rejects what it could not store so it is never acknowledged', async () => {
    const down = await connectInflux({ url: `http://127.0.0.1:${await freePort()}`, token: '', database: 'x', org: '', version: '1', timeoutMs: 500 })
    const pipeline = new IngestPipeline({ influx: down, deadLetters, logger: testLogger(), options: { batchMaxAgeMs: 10, retryBaseMs: 10, retryMaxDelayMs: 50 } })
    const accepted = pipeline.accept(message({ ts: Date.now(), metrics: { bearing_temp_c: 61 } }))
    await pipeline.close(200)
    await expect(accepted).rejects.toThrow(/not stored, not acknowledged/)
    await expect(pipeline.accept(message({ ts: Date.now(), metrics: { a: 1 } }))).rejects.toThrow(/ingest is stopping/)
  })
})
