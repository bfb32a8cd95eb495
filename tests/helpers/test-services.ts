import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { connectInflux } from '../../core/influx/influx-store.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import { createRedis } from '../../core/redis/redis-connection.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import { redisKeys } from '../../core/redis/redis-keys.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'

/** A name no other test uses: every test works in its own Redis key prefix and InfluxDB database. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`
}

export function redisUrl(): string {
  return inject('redisUrl')
}

export function influxUrl(): string {
  return inject('influxUrl')
}

export interface TestRedis {
  redis: Redis
  keys: RedisKeys
  close(): Promise<void>
}

/** A connection to the run's Redis with a fresh key prefix; close() deletes the test's keys. */
export function testRedis(): TestRedis {
  const redis = createRedis(redisUrl(), 'test')
  const keys = redisKeys(uniqueName('t'))
  return {
    redis,
    keys,
    async close() {
      const doomed = await redis.keys(`${keys.prefix}:*`)
      if (doomed.length > 0) await redis.del(...doomed)
      // quit, not disconnect: a command still in flight (a closing BullMQ queue, a last write) gets
      // its answer instead of an unhandled "Connection is closed" rejection.
      await redis.quit()
    }
  }
}

/** A fresh database on the run's InfluxDB. */
export async function testInflux(): Promise<InfluxStore> {
  const influx = await connectInflux({ url: influxUrl(), token: '', database: uniqueName('t'), org: 'vigil', version: 'auto' })
  await influx.ensureDatabase()
  return influx
}
