import { quoteIdentifier, quoteString } from '../core/influx/influx-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { TrendWindow } from './trend-window.js'

export interface TrendPoint {
  ts: string
  mean: number
  min: number
  max: number
  count: number
}

/** Reads over the `telemetry` measurement, in InfluxQL (works on InfluxDB 1.x, 2.x and 3.x). */
export class TelemetryQueries {
  constructor(private readonly influx: InfluxStore) {}

  /** Mean, min, max and count of `metric` per bucket; empty buckets are left out. */
  async trend(equipmentId: string, metric: string, window: TrendWindow): Promise<TrendPoint[]> {
    const field = quoteIdentifier(metric)
    const series = await this.influx.query(
      `SELECT mean(${field}) AS "mean", min(${field}) AS "min", max(${field}) AS "max", count(${field}) AS "count" ` +
        `FROM "telemetry" WHERE "equipment" = ${quoteString(equipmentId)} ` +
        `AND time >= ${Math.floor(window.fromMs)}ms AND time < ${Math.floor(window.toMs)}ms ` +
        `GROUP BY time(${window.everyMs}ms) fill(none)`
    )
    const points: TrendPoint[] = []
    for (const { columns, values } of series) {
      const at = (name: string): number => columns.indexOf(name)
      const [t, mean, min, max, count] = [at('time'), at('mean'), at('min'), at('max'), at('count')]
      for (const row of values) {
        points.push({ ts: new Date(row[t] as number).toISOString(), mean: row[mean] as number, min: row[min] as number, max: row[max] as number, count: row[count] as number })
      }
    }
    return points
  }
}
