import { AlertStore } from '../core/alerts/alert-store.js'
import { ApiTokenStore } from '../core/auth/api-tokens.js'
import type { Config } from '../core/config/config.js'
import { DeadLetterStore } from '../core/dead-letters/dead-letter-store.js'
import { connectInflux } from '../core/influx/influx-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Lifecycle } from '../core/lifecycle.js'
import { createRedis } from '../core/redis/redis-connection.js'
import type { Redis } from '../core/redis/redis-connection.js'
import { redisKeys } from '../core/redis/redis-keys.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { RegistryStore } from '../core/registry/registry-store.js'

/** The connections and stores several parts of one process share. */
export interface SharedContext {
  redisUrl: string
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
  registry: RegistryStore
  deadLetters: DeadLetterStore
  alerts: AlertStore
  tokens: ApiTokenStore
}

export async function openSharedContext(config: Config, urls: { redisUrl: string; influxUrl: string }, lifecycle: Lifecycle): Promise<SharedContext> {
  const redis = createRedis(urls.redisUrl, 'vigil')
  lifecycle.defer('redis', async () => {
    await redis.quit()
  })
  await redis.ping()
  const influx = await connectInflux({ ...config.influx, url: urls.influxUrl })
  await influx.ensureDatabase()
  const keys = redisKeys(config.redis.keyPrefix)
  return {
    redisUrl: urls.redisUrl,
    redis,
    keys,
    influx,
    registry: new RegistryStore(redis, keys),
    deadLetters: new DeadLetterStore(redis, keys, config.ingest.deadLetterMaxLen),
    alerts: new AlertStore(redis, keys),
    tokens: new ApiTokenStore(redis, keys)
  }
}
