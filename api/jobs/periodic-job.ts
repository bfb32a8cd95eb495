import { Queue, Worker } from 'bullmq'
import type { Logger } from '../../core/logger.js'
import type { Redis } from '../../core/redis/redis-connection.js'

export interface PeriodicJobDeps {
  /** Names the queue and the scheduler: one per kind of job. */
  name: string
  /** Duplicated for the queue and the worker (BullMQ's worker blocks on its connection). */
  redis: Redis
  prefix: string
  everyMs: number
  /** The work; what it returns is logged when it is not empty or zero. */
  run: () => Promise<unknown>
  logger: Logger
}

/**
 * Work that runs every `everyMs` through a BullMQ job scheduler: once per interval however many
 * API processes share the Redis, and a run that fails is simply tried again at the next tick.
 */
export async function startPeriodicJob(deps: PeriodicJobDeps): Promise<{ close(): Promise<void> }> {
  const queueConnection = deps.redis.duplicate()
  const workerConnection = deps.redis.duplicate()
  const queue = new Queue(deps.name, { connection: queueConnection, prefix: deps.prefix })
  await queue.upsertJobScheduler(deps.name, { every: deps.everyMs }, { name: 'run', opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } } })
  const worker = new Worker(
    deps.name,
    async () => {
      const result = await deps.run()
      const empty = result === undefined || result === 0 || (Array.isArray(result) && result.length === 0)
      if (!empty) deps.logger.info({ job: deps.name, result }, 'periodic job did work')
      return result
    },
    { connection: workerConnection, prefix: deps.prefix, concurrency: 1 }
  )
  worker.on('failed', (_job, error) => deps.logger.warn({ err: error, job: deps.name }, 'periodic job failed; the next tick retries'))
  worker.on('error', (error) => deps.logger.error({ err: error, job: deps.name }, 'periodic job worker error'))
  return {
    async close() {
      await worker.close()
      await queue.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
