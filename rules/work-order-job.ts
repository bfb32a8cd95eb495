import { Queue, UnrecoverableError, Worker } from 'bullmq'
import type { Job } from 'bullmq'
import type { AlertStore } from '../core/alerts/alert-store.js'
import type { WorkOrderKind, WorkOrderPriority } from '../core/domain/work-order.js'
import type { Logger } from '../core/logger.js'
import type { ChecklistItemSpec } from '../core/maintenance/checklist.js'
import type { Redis } from '../core/redis/redis-connection.js'

export const WORK_ORDER_QUEUE = 'open-work-order'

export interface OpenWorkOrderJob {
  alertId: string
  ruleId: string
  equipmentId: string
  title: string
  description: string
  priority: WorkOrderPriority
  kind: WorkOrderKind
  /** Inspection steps the engineer records before resolving (from the rule's checklist template). */
  checklist?: ChecklistItemSpec[]
}

/** The Idempotency-Key of the work order an alert opens: a retried job never opens a second one. */
export function idempotencyKeyForAlert(alertId: string): string {
  return `alert-${alertId}`
}

export interface WorkOrderQueue {
  enqueue(job: OpenWorkOrderJob): Promise<void>
  close(): Promise<void>
}

export function createWorkOrderQueue(connection: Redis, prefix: string, attempts: number): WorkOrderQueue {
  const queue = new Queue<OpenWorkOrderJob>(WORK_ORDER_QUEUE, { connection, prefix })
  return {
    async enqueue(job) {
      await queue.add('open', job, {
        // One job per alert, whatever happens upstream.
        jobId: idempotencyKeyForAlert(job.alertId),
        attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 }
      })
    },
    close: () => queue.close()
  }
}

export interface WorkOrderWorkerDeps {
  connection: Redis
  prefix: string
  apiUrl: string
  apiToken: string
  alerts: AlertStore
  logger: Logger
}

/**
 * Opens the work order of an alert through the REST API (DESIGN.md: rules never write work
 * orders directly). 4xx answers other than 408/429 cannot succeed on retry and fail the job at
 * once; anything else (API down, 5xx) is retried with exponential backoff.
 */
export function createWorkOrderWorker(deps: WorkOrderWorkerDeps): Worker<OpenWorkOrderJob, string> {
  const endpoint = new URL('/api/v1/work-orders', deps.apiUrl)
  const worker = new Worker<OpenWorkOrderJob, string>(
    WORK_ORDER_QUEUE,
    async (job: Job<OpenWorkOrderJob>) => {
      const { alertId, ruleId, equipmentId, title, description, priority, kind, checklist } = job.data
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${deps.apiToken}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKeyForAlert(alertId)
        },
        body: JSON.stringify({ equipmentId, title, description, priority, kind, source: { kind: 'alert', alertId, ruleId }, ...(checklist === undefined ? {} : { checklist }) }),
        signal: AbortSignal.timeout(10_000)
      })
      const text = await response.text()
      if (response.ok) {
        const workOrder = JSON.parse(text) as { id: string }
        await deps.alerts.linkWorkOrder(alertId, workOrder.id)
        deps.logger.info({ alertId, workOrderId: workOrder.id, status: response.status }, 'work order opened for alert')
        return workOrder.id
      }
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429
      const message = `API refused the work order for alert ${alertId} (${response.status}): ${text.slice(0, 300)}`
      throw permanent ? new UnrecoverableError(message) : new Error(message)
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 4 }
  )
  worker.on('failed', (job, error) => deps.logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'opening a work order failed'))
  worker.on('error', (error) => deps.logger.error({ err: error }, 'work-order worker error'))
  return worker
}
