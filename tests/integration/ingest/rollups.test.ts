import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { encodeLine, seriesKey } from '../../../core/influx/line-protocol.js'
import { rollupDatabase } from '../../../core/influx/rollups.js'
import { DirtyMinutes } from '../../../ingest/rollups/dirty-minutes.js'
import { runRollups } from '../../../ingest/rollups/rollup-job.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const HOUR = 3_600_000
const key = seriesKey('telemetry', { site: 's1', building: 'b1', equipment_type: 'pump', equipment: 'p1', device: 'p1-gw' })

describe('rollups on a real InfluxDB', () => {
  let redis: TestRedis
  let raw: InfluxStore
  let rollups: InfluxStore
  let dirty: DirtyMinutes
  let clock: number
  // Two hours back, aligned to the hour, so every bucket is complete.
  const base = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR

  beforeAll(async () => {
    redis = testRedis()
    raw = await testInflux()
    rollups = raw.forDatabase(rollupDatabase(raw.database))
    await rollups.ensureDatabase()
    clock = Date.now()
    dirty = new DirtyMinutes(redis.redis, redis.keys.rollupDirtyMinutes, () => clock)
  })
  afterAll(async () => {
    await redis.close()
  })

  const write = async (points: [offsetMs: number, value: number][]): Promise<void> => {
    await raw.writeLines(points.map(([offset, value]) => encodeLine(key, { bearing_temp_c: value }, base + offset)))
    await dirty.mark(points.map(([offset]) => base + offset - ((base + offset) % 60_000)))
  }

  it('computes 1-minute and 1-hour min, max, mean, count and sum of the minutes that received readings', async () => {
    await write([
      [0, 50],
      [20_000, 52],
      [40_000, 54],
      [60_000, 60],
      [HOUR + 5_000, 70]
    ])
    clock += 60_000
    const run = await runRollups({ raw, rollups, dirty, quietMs: 30_000, now: () => clock })
    expect(run.minutes).toBe(3)
    const [minutes] = await rollups.query('SELECT * FROM "telemetry_1m"')
    const column = (name: string) => minutes?.columns.indexOf(name) ?? -1
    expect(minutes?.values.map((row) => [row[column('time')], row[column('bearing_temp_c_min')], row[column('bearing_temp_c_max')], row[column('bearing_temp_c_mean')], row[column('bearing_temp_c_count')], row[column('bearing_temp_c_sum')], row[column('equipment')]])).toEqual([
      [base, 50, 54, 52, 3, 156, 'p1'],
      [base + 60_000, 60, 60, 60, 1, 60, 'p1'],
      [base + HOUR, 70, 70, 70, 1, 70, 'p1']
    ])
    const [hours] = await rollups.query('SELECT "bearing_temp_c_mean", "bearing_temp_c_count" FROM "telemetry_1h"')
    expect(hours?.values).toEqual([
      [base, 54, 4],
      [base + HOUR, 70, 1]
    ])
    expect(await dirty.quiet(clock, 100)).toEqual([])
  })

  it('recomputes a minute when a late reading arrives for it, and leaves alone a minute still receiving', async () => {
    await write([[30_000, 90]])
    // A minute marked again during a run is kept for the next run.
    const before = await dirty.quiet(clock, 100)
    clock += 1
    await dirty.mark([base])
    await dirty.done(before)
    expect((await dirty.quiet(clock, 100)).map((m) => m.minute)).toEqual([base])
    clock += 60_000
    await runRollups({ raw, rollups, dirty, quietMs: 30_000, now: () => clock })
    const [minute] = await rollups.query(`SELECT "bearing_temp_c_max", "bearing_temp_c_count" FROM "telemetry_1m" WHERE time = ${base}ms`)
    expect(minute?.values).toEqual([[base, 90, 4]])
    const [hour] = await rollups.query(`SELECT "bearing_temp_c_max", "bearing_temp_c_count" FROM "telemetry_1h" WHERE time = ${base}ms`)
    expect(hour?.values).toEqual([[base, 90, 5]])
  })

  it('sets the raw retention on the database', async () => {
    const kept = (await testInflux()).forDatabase(`${raw.database}_ret`, 30 * 86_400_000)
    await kept.ensureDatabase()
    const [policies] = await kept.query(`SHOW RETENTION POLICIES ON "${raw.database}_ret"`)
    const row = policies?.values.find((r) => r[0] === 'autogen')
    expect(row?.[1]).toBe('720h0m0s')
  })
})
