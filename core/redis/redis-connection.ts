import { Redis } from 'ioredis'

export type { Redis }

/**
 * An ioredis connection that waits out a Redis outage instead of failing commands: with
 * `maxRetriesPerRequest: null` a command issued while Redis is down is queued and sent on
 * reconnect, so an outage delays work rather than dropping it (and BullMQ workers require it).
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), 2000)
  })
}
