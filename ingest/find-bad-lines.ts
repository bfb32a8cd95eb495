import { InfluxWriteError } from '../core/influx/influx-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'

export interface RejectedLine {
  /** Index of the line in the batch given to writeFindingBadLines. */
  index: number
  reason: string
}

/**
 * Writes `lines`; when the server refuses the batch for good (a 4xx: a line that does not parse,
 * a field type conflict), splits it in halves until every refused line is alone, and returns
 * those. InfluxDB 1.x may have kept part of a refused batch: writing those lines again is
 * harmless, because a point with the same series and time is overwritten, not duplicated.
 * A transient failure (5xx, timeout, connection refused) is thrown for the caller to retry.
 */
export async function writeFindingBadLines(influx: InfluxStore, lines: readonly string[]): Promise<RejectedLine[]> {
  const rejected: RejectedLine[] = []
  await writeRange(influx, lines, 0, lines.length, rejected)
  return rejected
}

async function writeRange(influx: InfluxStore, lines: readonly string[], start: number, end: number, rejected: RejectedLine[]): Promise<void> {
  try {
    await influx.writeLines(start === 0 && end === lines.length ? lines : lines.slice(start, end))
  } catch (error) {
    if (!(error instanceof InfluxWriteError && error.permanent)) throw error
    if (end - start === 1) {
      rejected.push({ index: start, reason: error.message })
      return
    }
    const middle = start + ((end - start) >>> 1)
    await writeRange(influx, lines, start, middle, rejected)
    await writeRange(influx, lines, middle, end, rejected)
  }
}
