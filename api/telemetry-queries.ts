import { quoteIdentifier, quoteString } from '../core/influx/influx-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import { ROLLUPS } from '../core/influx/rollups.js'
import type { TrendWindow } from './trend-window.js'

export interface TrendPoint {
  ts: string
  mean: number
  min: number
  max: number
  count: number
}

export type Resolution = 'raw' | '1m' | '1h'

/** How long rollups may lag behind the newest readings: buckets after this come from raw data. */
const ROLLUP_LAG_MS = 3 * 60_000

export interface TelemetryQueriesDeps {
  raw: InfluxStore
  /** Without rollups every trend is read from raw readings. */
  rollups?: InfluxStore | undefined
  rawRetentionMs: number
  now: () => number
}

/**
 * Reads over the `telemetry` measurement and its rollups, in InfluxQL (InfluxDB 1.x, 2.x, 3.x).
 * A trend is read at the coarsest resolution no finer than its buckets — 1-hour rollups for
 * hour buckets, 1-minute rollups for minute buckets, raw readings below that — so a year at one
 * point a day reads 8,760 rollup rows, not 31 million readings. The last few minutes, which the
 * rollups have not caught up with yet, always come from raw readings.
 */
export class TelemetryQueries {
  constructor(private readonly deps: TelemetryQueriesDeps) {}

  resolutionFor(window: TrendWindow): Resolution {
    if (this.deps.rollups === undefined) return 'raw'
    const hour = ROLLUPS[1].bucketMs
    const minute = ROLLUPS[0].bucketMs
    if (window.everyMs >= hour && window.everyMs % hour === 0) return '1h'
    if (window.everyMs >= minute && window.everyMs % minute === 0) return '1m'
    // Raw readings older than the retention are gone; only rollups still cover them.
    return window.fromMs < this.deps.now() - this.deps.rawRetentionMs ? '1m' : 'raw'
  }

  async trend(equipmentId: string, metric: string, window: TrendWindow): Promise<{ resolution: Resolution; points: TrendPoint[] }> {
    const resolution = this.resolutionFor(window)
    if (resolution === 'raw' || this.deps.rollups === undefined) return { resolution, points: await this.rawTrend(equipmentId, metric, window) }
    const cutoff = Math.floor((this.deps.now() - ROLLUP_LAG_MS) / window.everyMs) * window.everyMs
    const rolled = await this.rollupTrend(this.deps.rollups, resolution, equipmentId, metric, { ...window, toMs: Math.min(window.toMs, cutoff) })
    if (window.toMs <= cutoff) return { resolution, points: rolled }
    const fresh = await this.rawTrend(equipmentId, metric, { ...window, fromMs: Math.max(window.fromMs, cutoff) })
    return { resolution, points: [...rolled, ...fresh] }
  }

  private async rawTrend(equipmentId: string, metric: string, window: TrendWindow): Promise<TrendPoint[]> {
    if (window.fromMs >= window.toMs) return []
    const field = quoteIdentifier(metric)
    const series = await this.deps.raw.query(
      `SELECT mean(${field}) AS "mean", min(${field}) AS "min", max(${field}) AS "max", count(${field}) AS "count" ` +
        `FROM "telemetry" WHERE "equipment" = ${quoteString(equipmentId)} ${timeRange(window)} GROUP BY time(${window.everyMs}ms) fill(none)`
    )
    return rows(series, (get) => ({ mean: get('mean'), min: get('min'), max: get('max'), count: get('count') }))
  }

  private async rollupTrend(store: InfluxStore, resolution: '1m' | '1h', equipmentId: string, metric: string, window: TrendWindow): Promise<TrendPoint[]> {
    if (window.fromMs >= window.toMs) return []
    const measurement = ROLLUPS.find((r) => r.name === resolution)?.measurement ?? 'telemetry_1m'
    const field = (stat: string): string => quoteIdentifier(`${metric}_${stat}`)
    const series = await store.query(
      `SELECT min(${field('min')}) AS "min", max(${field('max')}) AS "max", sum(${field('sum')}) AS "sum", sum(${field('count')}) AS "count" ` +
        `FROM ${quoteIdentifier(measurement)} WHERE "equipment" = ${quoteString(equipmentId)} ${timeRange(window)} GROUP BY time(${window.everyMs}ms) fill(none)`
    )
    return rows(series, (get) => ({ mean: get('sum') / get('count'), min: get('min'), max: get('max'), count: get('count') }))
  }
}

function timeRange(window: TrendWindow): string {
  return `AND time >= ${Math.floor(window.fromMs)}ms AND time < ${Math.floor(window.toMs)}ms`
}

function rows(series: readonly { columns: string[]; values: unknown[][] }[], point: (get: (column: string) => number) => Omit<TrendPoint, 'ts'>): TrendPoint[] {
  const points: TrendPoint[] = []
  for (const { columns, values } of series) {
    const time = columns.indexOf('time')
    for (const row of values) {
      const get = (column: string): number => row[columns.indexOf(column)] as number
      const values = point(get)
      if (!Number.isFinite(values.count) || values.count === 0) continue
      points.push({ ts: new Date(row[time] as number).toISOString(), ...values })
    }
  }
  return points
}
