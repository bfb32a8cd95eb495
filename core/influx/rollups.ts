import { escape } from '@influxdata/influxdb-client'
import type { InfluxSeries } from './influx-store.js'

/**
 * Rollups of the `telemetry` measurement that Vigil computes itself (so they work the same on
 * InfluxDB 1.x, 2.x and 3.x): per series and bucket, for each metric `<metric>_min`, `_max`,
 * `_mean`, `_count` and `_sum` (the sum lets coarser buckets re-aggregate the mean exactly).
 * They live in a database of their own, `<database>_rollups`, kept two years.
 */
export const ROLLUPS = [
  { name: '1m', bucketMs: 60_000, measurement: 'telemetry_1m' },
  { name: '1h', bucketMs: 3_600_000, measurement: 'telemetry_1h' }
] as const
export type Rollup = (typeof ROLLUPS)[number]

export const ROLLUP_RETENTION_MS = 730 * 86_400_000

export function rollupDatabase(database: string): string {
  return `${database}_rollups`
}

const STATS = ['min', 'max', 'mean', 'count', 'sum'] as const

/**
 * Turns the answer to `SELECT min(*), max(*), mean(*), count(*), sum(*) ... GROUP BY time(..), *`
 * into rollup lines: columns `min_<metric>` become fields `<metric>_min`, tags are kept.
 */
export function rollupLines(measurement: string, series: readonly InfluxSeries[]): string[] {
  const lines: string[] = []
  for (const { tags, columns, values } of series) {
    const key = escape.measurement(measurement) + Object.entries(tags ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `,${escape.tag(k)}=${escape.tag(v)}`).join('')
    const fields: { index: number; name: string }[] = []
    columns.forEach((column, index) => {
      const stat = STATS.find((s) => column.startsWith(`${s}_`))
      if (stat !== undefined) fields.push({ index, name: `${column.slice(stat.length + 1)}_${stat}` })
    })
    const time = columns.indexOf('time')
    for (const row of values) {
      let text = ''
      for (const { index, name } of fields) {
        const value = row[index]
        if (typeof value !== 'number' || !Number.isFinite(value)) continue
        text += `${text === '' ? '' : ','}${name}=${value}`
      }
      if (text !== '') lines.push(`${key} ${text} ${row[time] as number}`)
    }
  }
  return lines
}
