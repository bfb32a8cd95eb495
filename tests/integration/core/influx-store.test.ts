import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InfluxWriteError, majorVersionOf } from '../../../core/influx/influx-store.js'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import { encodeLine, seriesKey } from '../../../core/influx/line-protocol.js'
import { testInflux } from '../../helpers/test-services.js'

const key = seriesKey('telemetry', { site: 's1', building: 'b1', equipment_type: 'pump', equipment: 'p1', device: 'd1' })

describe('InfluxStore against a real influxd', () => {
  let influx: InfluxStore
  beforeAll(async () => {
    influx = await testInflux()
  })

  it('detects the server version from /ping', () => {
    expect(influx.version).toBe(majorVersionOf(influx.serverVersion))
    expect(influx.serverVersion).not.toBe('')
  })

  it('creates its database, and doing it again is harmless', async () => {
    await influx.ensureDatabase()
    const series = await influx.query('SHOW DATABASES')
    expect(series[0]?.values.flat()).toContain(influx.database)
  })

  it('writes a batch and reads it back with InfluxQL at millisecond precision', async () => {
    const t0 = Date.now() - 10_000
    await influx.writeLines([encodeLine(key, { bearing_temp_c: 50.5, running: 1 }, t0), encodeLine(key, { bearing_temp_c: 51.25, running: 1 }, t0 + 1)])
    const [series] = await influx.query(`SELECT "bearing_temp_c", "equipment" FROM "telemetry" WHERE time >= ${t0}ms`)
    expect(series?.values).toEqual([
      [t0, 50.5, 'p1'],
      [t0 + 1, 51.25, 'p1']
    ])
  })

  it('overwrites, not duplicates, a point written twice (a replayed message)', async () => {
    const t = Date.now() - 5000
    await influx.writeLines([encodeLine(key, { vibration_mm_s: 2.5 }, t)])
    await influx.writeLines([encodeLine(key, { vibration_mm_s: 2.5 }, t)])
    const [series] = await influx.query(`SELECT count("vibration_mm_s") FROM "telemetry" WHERE time >= ${t}ms AND time <= ${t}ms`)
    expect(series?.values[0]?.[1]).toBe(1)
  })

  it('classifies a line the server cannot parse as a permanent write error', async () => {
    const error = await influx.writeLines(['telemetry,device=d1 not-a-field']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InfluxWriteError)
    expect((error as InfluxWriteError).status).toBe(400)
    expect((error as InfluxWriteError).permanent).toBe(true)
  })

  afterAll(async () => {
    await influx.query(`DROP DATABASE "${influx.database}"`).catch(() => undefined)
  })
})
