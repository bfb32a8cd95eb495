import type { Redis } from '../redis/redis-connection.js'
import type { NotificationKind } from './notification-event.js'
import type { NotificationKeys } from './notification-keys.js'

/** delivered: a 2xx (and no robot errcode); retrying: failed, another attempt is queued; failed: the last attempt failed. */
export const DELIVERY_OUTCOMES = ['delivered', 'retrying', 'failed'] as const
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number]

/** One attempt to deliver one event to one endpoint. */
export interface DeliveryAttempt {
  /** Same for every attempt of one delivery. */
  deliveryId: string
  eventId: string
  eventKind: NotificationKind
  /** 1-based. */
  attempt: number
  at: string
  outcome: DeliveryOutcome
  statusCode?: number
  error?: string
  durationMs: number
}

/** Every delivery attempt per endpoint, newest first, capped at `maxEntries`. */
export class DeliveryLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: NotificationKeys,
    private readonly maxEntries = 500
  ) {}

  async record(endpointId: string, attempt: DeliveryAttempt): Promise<void> {
    const key = this.keys.webhookDeliveries(endpointId)
    await this.redis.multi().lpush(key, JSON.stringify(attempt)).ltrim(key, 0, this.maxEntries - 1).exec()
  }

  async recent(endpointId: string, limit: number): Promise<DeliveryAttempt[]> {
    return (await this.redis.lrange(this.keys.webhookDeliveries(endpointId), 0, limit - 1)).map((raw) => JSON.parse(raw) as DeliveryAttempt)
  }
}
