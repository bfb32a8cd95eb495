import { Queue, Worker } from 'bullmq'
import type { Job } from 'bullmq'
import type { WorkOrder } from '../../core/domain/work-order.js'
import type { Logger } from '../../core/logger.js'
import type { Redis } from '../../core/redis/redis-connection.js'

export const RESPONSE_DEADLINE_QUEUE = 'work-order-response-deadline'

export interface ResponseDeadlineJob {
  workOrderId: string
  dueAt: string
}

export interface ResponseDeadlinesDeps {
  /** Duplicated for the queue and the worker (BullMQ's worker blocks on its connection). */
  redis: Redis
  prefix: string
  /** Escalates the work order if it is still unanswered at `dueAt` (ResponseEscalation.escalate). */
  escalate: (workOrderId: string, dueAt: string) => Promise<void>
  logger: Logger
}

export interface ResponseDeadlines {
  /** Checks the work order when its response deadline passes; once per work order and deadline. */
  schedule(workOrder: WorkOrder): Promise<void>
  close(): Promise<void>
}

/**
 * Response deadlines as BullMQ delayed jobs: one per work order and deadline (the job id says
 * which), due when the deadline passes, so a missed deadline escalates even if the API restarted
 * in between, and a deadline brought forward (a more urgent alert joined) gets its own job.
 */
export function startResponseDeadlines(deps: ResponseDeadlinesDeps): ResponseDeadlines {
  const queueConnection = deps.redis.duplicate()
  const workerConnection = deps.redis.duplicate()
  const queue = new Queue<ResponseDeadlineJob>(RESPONSE_DEADLINE_QUEUE, { connection: queueConnection, prefix: deps.prefix })
  const worker = new Worker<ResponseDeadlineJob>(RESPONSE_DEADLINE_QUEUE, (job: Job<ResponseDeadlineJob>) => deps.escalate(job.data.workOrderId, job.data.dueAt), {
    connection: workerConnection,
    prefix: deps.prefix,
    concurrency: 4
  })
  worker.on('failed', (job, error) => deps.logger.warn({ err: error, jobId: job?.id }, 'checking a response deadline failed; it will be retried'))
  worker.on('error', (error) => deps.logger.error({ err: error }, 'response-deadline worker error'))
  return {
    async schedule(workOrder) {
      const dueMs = Date.parse(workOrder.responseDueAt)
      await queue.add(
        'check',
        { workOrderId: workOrder.id, dueAt: workOrder.responseDueAt },
        {
          jobId: `deadline-${workOrder.id}-${dueMs}`,
          delay: Math.max(0, dueMs - Date.now()),
          attempts: 20,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { count: 1000 },
          removeOnFail: { count: 5000 }
        }
      )
    },
    async close() {
      await worker.close()
      await queue.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
