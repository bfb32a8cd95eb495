import { createRequire } from 'node:module'
import mqemitterRedis from 'mqemitter-redis'
import { createRedis } from '../core/redis/redis-connection.js'
import type { Redis } from '../core/redis/redis-connection.js'

/** aedes' persistence interface, as far as Vigil touches it. */
interface Persistence {
  /** Without a callback it returns a promise (with one, it waits for an event aedes 1.x never causes). */
  destroy(): Promise<void>
}

// The persistences are CommonJS factories whose published types do not describe that shape.
const require = createRequire(import.meta.url)
const memoryPersistence = require('aedes-persistence') as () => Persistence
const redisPersistence = require('aedes-persistence-redis') as (options: { conn: Redis; maxSessionDelivery: number }) => Persistence

export interface BrokerStateOptions {
  /** memory: sessions, retained and queued messages live in the process and die with it. */
  persistence: 'memory' | 'redis'
  /** redis: several broker processes route messages to each other's clients. */
  emitter: 'local' | 'redis'
  /** Redis for both; its keys and channels are not prefixed (client:, outgoing:, retained, will…): give it a database of its own. */
  redisUrl: string | undefined
}

export interface BrokerState {
  /** Options to spread into `new Aedes(...)`. */
  aedesOptions: { persistence: unknown; mq?: unknown }
  close(): Promise<void>
}

/**
 * aedes' persistence and emitter: in memory by default; in Redis (aedes-persistence-redis,
 * mqemitter-redis) so that a broker killed and restarted still delivers what it queued for
 * persistent sessions, and so that several broker processes share routing.
 */
export function createBrokerState(options: BrokerStateOptions): BrokerState {
  const closers: (() => Promise<void>)[] = []
  const aedesOptions: BrokerState['aedesOptions'] = { persistence: undefined }
  if (options.persistence === 'redis' || options.emitter === 'redis') {
    if (options.redisUrl === undefined) throw new Error('BROKER_PERSISTENCE=redis or BROKER_EMITTER=redis needs a Redis (BROKER_REDIS_URL or REDIS_URL)')
  }
  const url = options.redisUrl as string
  if (options.persistence === 'redis') {
    const persistence = redisPersistence({
      conn: createRedis(url, 'vigil-broker-persistence'),
      // Every queued message of a session is delivered when it reconnects, not only the first 1000.
      maxSessionDelivery: 10_000_000
    })
    aedesOptions.persistence = persistence
    closers.push(() => persistence.destroy())
  } else {
    aedesOptions.persistence = memoryPersistence()
  }
  if (options.emitter === 'redis') {
    const mq = mqemitterRedis({ subConn: createRedis(url, 'vigil-broker-emitter-sub'), pubConn: createRedis(url, 'vigil-broker-emitter-pub') })
    aedesOptions.mq = mq
    // aedes closes its emitter itself when it closes.
  }
  return {
    aedesOptions,
    async close() {
      await Promise.all(closers.map((close) => close()))
    }
  }
}
