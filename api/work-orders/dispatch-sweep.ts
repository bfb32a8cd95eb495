import { Queue, Worker } from 'bullmq'
import type { Logger } from '../../core/logger.js'
import type { Redis } from '../../core/redis/redis-connection.js'

export const DISPATCH_SWEEP_QUEUE = 'work-order-dispatch-sweep'

export interface DispatchSweepDeps {
  /** Duplicated for the queue and the worker (BullMQ's worker blocks on its connection). */
  redis: Redis
  prefix: string
  everyMs: number
  /** Offers every order still waiting to whoever can take it now (WorkOrderDispatch.sweep); how many were assigned. */
  sweep: () => Promise<number>
  logger: Logger
}

/**
 * Work nobody could take when it came in (night, everyone qualified off shift) waits for the next
 * shift: a BullMQ job scheduler runs the sweep every `everyMs`, once per interval however many
 * API processes share the Redis, and a sweep that fails is simply retried at the next tick.
 */
export async function startDispatchSweep(deps: DispatchSweepDeps): Promise<{ close(): Promise<void> }> {
  const queueConnection = deps.redis.duplicate()
  const workerConnection = deps.redis.duplicate()
  const queue = new Queue(DISPATCH_SWEEP_QUEUE, { connection: queueConnection, prefix: deps.prefix })
  await queue.upsertJobScheduler('dispatch-sweep', { every: deps.everyMs }, { name: 'sweep', opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } } })
  const worker = new Worker(
    DISPATCH_SWEEP_QUEUE,
    async () => {
      const assigned = await deps.sweep()
      if (assigned > 0) deps.logger.info({ assigned }, 'dispatch sweep: waiting work orders assigned')
      return assigned
    },
    { connection: workerConnection, prefix: deps.prefix, concurrency: 1 }
  )
  worker.on('failed', (_job, error) => deps.logger.warn({ err: error }, 'dispatch sweep failed; the next one retries'))
  worker.on('error', (error) => deps.logger.error({ err: error }, 'dispatch-sweep worker error'))
  return {
    async close() {
      await worker.close()
      await queue.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
