import { Queue, UnrecoverableError, Worker } from 'bullmq'
import type { Job } from 'bullmq'
import type { Logger } from '../../core/logger.js'
import type { NotificationEvent } from '../../core/notifications/notification-event.js'
import type { Mention } from '../../core/notifications/notification-message.js'
import type { WebhookStore } from '../../core/notifications/webhook-store.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { WebhookSender } from './webhook-sender.js'

export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery'

export interface WebhookDeliveryJob {
  endpointId: string
  event: NotificationEvent
  mentions: Mention[]
}

export interface WebhookDeliveriesDeps {
  /** Duplicated for the queue and the worker. */
  redis: Redis
  prefix: string
  webhooks: WebhookStore
  sender: WebhookSender
  /** Attempts per delivery, the first included. */
  attempts: number
  /** First retry after this long, doubling each time. */
  backoffMs: number
  logger: Logger
}

export interface WebhookDeliveries {
  /** Queues one delivery; the same event to the same endpoint is queued once however often this is called. */
  enqueue(job: WebhookDeliveryJob): Promise<void>
  close(): Promise<void>
}

/** BullMQ refuses custom job ids with ':' (its key separator). */
export function deliveryJobId(eventId: string, endpointId: string): string {
  return `${eventId}-${endpointId}`.replaceAll(':', '_')
}

/** Webhook deliveries as BullMQ jobs: one per event and endpoint, retried with exponential backoff, each attempt logged. */
export function startWebhookDeliveries(deps: WebhookDeliveriesDeps): WebhookDeliveries {
  const queueConnection = deps.redis.duplicate()
  const workerConnection = deps.redis.duplicate()
  const queue = new Queue<WebhookDeliveryJob>(WEBHOOK_DELIVERY_QUEUE, { connection: queueConnection, prefix: deps.prefix })
  const worker = new Worker<WebhookDeliveryJob>(
    WEBHOOK_DELIVERY_QUEUE,
    async (job: Job<WebhookDeliveryJob>) => {
      const endpoint = await deps.webhooks.get(job.data.endpointId)
      if (endpoint === undefined) throw new UnrecoverableError(`webhook ${job.data.endpointId} was deleted`)
      const attempt = job.attemptsMade + 1
      const result = await deps.sender.send(endpoint, job.data.event, job.data.mentions, { deliveryId: job.id ?? '', attempt, lastAttempt: attempt >= (job.opts.attempts ?? 1) })
      if (result.outcome !== 'delivered') throw new Error(result.error ?? 'not delivered')
    },
    { connection: workerConnection, prefix: deps.prefix, concurrency: 8 }
  )
  queue.on('error', (error) => deps.logger.error({ err: error }, 'webhook-delivery queue error'))
  worker.on('failed', (job, error) => {
    if (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1)) deps.logger.warn({ err: error, endpointId: job.data.endpointId, eventId: job.data.event.id }, 'webhook delivery gave up; see the endpoint\'s delivery log')
  })
  worker.on('error', (error) => deps.logger.error({ err: error }, 'webhook-delivery worker error'))
  return {
    async enqueue(job) {
      await queue.add('deliver', job, {
        jobId: deliveryJobId(job.event.id, job.endpointId),
        attempts: deps.attempts,
        backoff: { type: 'exponential', delay: deps.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 }
      })
    },
    async close() {
      await worker.close()
      await queue.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
