import { Queue, Worker } from 'bullmq'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import { ROLLUPS } from '../../core/influx/rollups.js'
import type { Logger } from '../../core/logger.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import { computeRollups, contiguousRanges } from './compute-rollups.js'
import type { DirtyMinutes } from './dirty-minutes.js'

export const ROLLUP_QUEUE = 'rollups'
const [MINUTE, HOUR] = ROLLUPS

export interface RollupRunDeps {
  raw: InfluxStore
  rollups: InfluxStore
  dirty: DirtyMinutes
  /** A minute is rolled up once nothing has arrived for it for this long. */
  quietMs: number
  now?: () => number
}

/**
 * One run: the minutes that received readings and have been quiet for `quietMs` get their 1-minute
 * rollups recomputed, and the hours holding them their 1-hour rollups. Returns what it did.
 */
export async function runRollups(deps: RollupRunDeps): Promise<{ minutes: number; points: number }> {
  const now = (deps.now ?? Date.now)()
  const minutes = await deps.dirty.quiet(now - deps.quietMs, 10_000)
  if (minutes.length === 0) return { minutes: 0, points: 0 }
  let points = 0
  for (const range of contiguousRanges(minutes.map((m) => m.minute), MINUTE.bucketMs)) {
    points += await computeRollups(deps.raw, deps.rollups, MINUTE, range.fromMs, range.toMs)
  }
  const hours = minutes.map((m) => m.minute - (m.minute % HOUR.bucketMs))
  for (const range of contiguousRanges(hours, HOUR.bucketMs, 6)) {
    points += await computeRollups(deps.raw, deps.rollups, HOUR, range.fromMs, range.toMs)
  }
  await deps.dirty.done(minutes)
  return { minutes: minutes.length, points }
}

export interface RollupJob {
  close(): Promise<void>
}

/**
 * The rollups as a BullMQ job scheduled every `everyMs`: whichever Vigil process runs it, it runs
 * once per period across all of them, and a failed run is simply done again by the next.
 */
export async function startRollupJob(deps: RollupRunDeps & { connection: Redis; prefix: string; everyMs: number; logger: Logger }): Promise<RollupJob> {
  const queue = new Queue(ROLLUP_QUEUE, { connection: deps.connection, prefix: deps.prefix })
  queue.on('error', (error) => deps.logger.warn({ err: error }, 'rollup queue error'))
  await queue.upsertJobScheduler('rollups', { every: deps.everyMs }, { name: 'rollup', opts: { removeOnComplete: 100, removeOnFail: 100 } })
  const workerConnection = deps.connection.duplicate()
  const worker = new Worker(
    ROLLUP_QUEUE,
    async () => {
      const result = await runRollups(deps)
      if (result.minutes > 0) deps.logger.debug(result, 'rollups computed')
      return result
    },
    { connection: workerConnection, prefix: deps.prefix, concurrency: 1 }
  )
  worker.on('failed', (_job, error) => deps.logger.warn({ err: error }, 'rollup run failed; the next run retries'))
  worker.on('error', (error) => deps.logger.warn({ err: error }, 'rollup worker error'))
  return {
    async close() {
      await worker.close()
      await queue.close()
      await workerConnection.quit()
    }
  }
}
