import type { ApiDeps } from '../../api/app.js'
import { AlertStore } from '../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../core/auth/api-tokens.js'
import { DeadLetterStore } from '../../core/dead-letters/dead-letter-store.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { testLogger } from './test-logger.js'
import { testInflux } from './test-services.js'
import type { TestRedis } from './test-services.js'

/** What buildApp needs, on the test's Redis and the shared test InfluxDB; a test overrides what it is about. */
export async function testApiDeps(redis: TestRedis, overrides: Partial<ApiDeps> = {}): Promise<ApiDeps> {
  return {
    redis: redis.redis,
    keys: redis.keys,
    influx: await testInflux(),
    registry: new RegistryStore(redis.redis, redis.keys),
    alerts: new AlertStore(redis.redis, redis.keys),
    tokens: new ApiTokenStore(redis.redis, redis.keys),
    deadLetters: new DeadLetterStore(redis.redis, redis.keys, 10),
    logger: testLogger(),
    ...overrides
  }
}
