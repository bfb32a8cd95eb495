import { quoteIdentifier, quoteString } from '../../core/influx/influx-store.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import type { MeterReading } from '../../core/maintenance/plan-due.js'

/** How far back the usage rate is measured: long enough to smooth a day's cycle. */
const RATE_WINDOW = '7d'
/** A counter not heard of within this is not read at all (a device replaced, a meter gone). */
const READING_WINDOW = '30d'

/**
 * Counter readings (elevator trips, pump run-hours) from the stored telemetry: the latest value,
 * and the rate it rose at over the last week, from its first and last reading there.
 */
export class MeterReadings {
  constructor(private readonly influx: InfluxStore) {}

  async read(equipmentId: string, metric: string): Promise<MeterReading | undefined> {
    const field = quoteIdentifier(metric)
    const where = `FROM "telemetry" WHERE "equipment" = ${quoteString(equipmentId)}`
    const [latest, earliest] = await Promise.all([
      this.point(`SELECT last(${field}) AS "value" ${where} AND time > now() - ${READING_WINDOW}`),
      this.point(`SELECT first(${field}) AS "value" ${where} AND time > now() - ${RATE_WINDOW}`)
    ])
    if (latest === undefined) return undefined
    const elapsedMs = earliest === undefined ? 0 : latest.ts - earliest.ts
    return elapsedMs > 0 && earliest !== undefined ? { value: latest.value, ratePerMs: (latest.value - earliest.value) / elapsedMs } : { value: latest.value }
  }

  private async point(influxql: string): Promise<{ ts: number; value: number } | undefined> {
    const [series] = await this.influx.query(influxql)
    const row = series?.values[0]
    if (series === undefined || row === undefined) return undefined
    const ts = row[series.columns.indexOf('time')]
    const value = row[series.columns.indexOf('value')]
    return typeof ts === 'number' && typeof value === 'number' ? { ts, value } : undefined
  }
}
