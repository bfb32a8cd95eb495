import type { InfluxStore } from '../../core/influx/influx-store.js'
import { rollupLines } from '../../core/influx/rollups.js'
import type { Rollup } from '../../core/influx/rollups.js'

/**
 * Computes one resolution's rollups for [fromMs, toMs) from the raw readings and writes them;
 * writing the same bucket again overwrites it, so recomputing is always safe. Returns the number
 * of rollup points written.
 */
export async function computeRollups(raw: InfluxStore, rollups: InfluxStore, rollup: Rollup, fromMs: number, toMs: number): Promise<number> {
  const series = await raw.query(
    `SELECT min(*), max(*), mean(*), count(*), sum(*) FROM "telemetry" WHERE time >= ${fromMs}ms AND time < ${toMs}ms GROUP BY time(${rollup.bucketMs}ms), * fill(none)`
  )
  const lines = rollupLines(rollup.measurement, series)
  for (let start = 0; start < lines.length; start += 5000) await rollups.writeLines(lines.slice(start, start + 5000))
  return lines.length
}

/** Groups bucket starts into contiguous [from, to) ranges of at most `maxBuckets` buckets. */
export function contiguousRanges(starts: readonly number[], bucketMs: number, maxBuckets = 30): { fromMs: number; toMs: number }[] {
  const sorted = [...new Set(starts)].sort((a, b) => a - b)
  const ranges: { fromMs: number; toMs: number }[] = []
  for (const start of sorted) {
    const last = ranges.at(-1)
    if (last !== undefined && last.toMs === start && (last.toMs - last.fromMs) / bucketMs < maxBuckets) last.toMs = start + bucketMs
    else ranges.push({ fromMs: start, toMs: start + bucketMs })
  }
  return ranges
}
