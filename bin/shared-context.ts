import { AlertStore } from '../core/alerts/alert-store.js'
import { ApiTokenStore } from '../core/auth/api-tokens.js'
import { mqttServicePassword, serviceApiToken } from '../core/auth/service-provisioning.js'
import { serviceUsername } from '../core/auth/service-credentials.js'
import type { Config } from '../core/config/config.js'
import { DeadLetterStore } from '../core/dead-letters/dead-letter-store.js'
import { connectInflux } from '../core/influx/influx-store.js'
import { ROLLUP_RETENTION_MS, rollupDatabase } from '../core/influx/rollups.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Lifecycle } from '../core/lifecycle.js'
import { createRedis } from '../core/redis/redis-connection.js'
import type { Redis } from '../core/redis/redis-connection.js'
import { redisKeys } from '../core/redis/redis-keys.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { RegistryStore } from '../core/registry/registry-store.js'
import type { Logger } from '../core/logger.js'
import { DEFAULT_DECODE_LIMITS } from '../core/telemetry/decode-telemetry.js'
import { createMetrics } from '../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'
import type { IngestDepsForMain } from '../ingest/main.js'
import type { RulesDeps } from '../rules/main.js'
import type { ApiDeps } from '../api/app.js'
import path from 'node:path'
import { PhotoStore } from '../core/photos/photo-store.js'

/** The connections and stores several parts of one process share. */
export interface SharedContext {
  metrics: VigilMetrics
  redisUrl: string
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
  /** The rollups' database (core/influx/rollups.ts). */
  rollups: InfluxStore
  registry: RegistryStore
  deadLetters: DeadLetterStore
  alerts: AlertStore
  tokens: ApiTokenStore
}

/** `part` labels this process's metrics (all, broker, ingest, rules, api). */
export async function openSharedContext(config: Config, urls: { redisUrl: string; influxUrl: string }, lifecycle: Lifecycle, part: string): Promise<SharedContext> {
  const redis = createRedis(urls.redisUrl, 'vigil')
  lifecycle.defer('redis', async () => {
    await redis.quit()
  })
  await redis.ping()
  const influx = await connectInflux({ ...config.influx, url: urls.influxUrl, retentionMs: config.ingest.rawRetentionMs })
  const rollups = influx.forDatabase(rollupDatabase(config.influx.database), ROLLUP_RETENTION_MS)
  await Promise.all([influx.ensureDatabase(), rollups.ensureDatabase()])
  const keys = redisKeys(config.redis.keyPrefix)
  const metrics = createMetrics(part)
  return {
    metrics,
    redisUrl: urls.redisUrl,
    redis,
    keys,
    influx,
    rollups,
    registry: new RegistryStore(redis, keys),
    deadLetters: new DeadLetterStore(redis, keys, config.ingest.deadLetterMaxLen, metrics),
    alerts: new AlertStore(redis, keys),
    tokens: new ApiTokenStore(redis, keys)
  }
}

/** What ingest needs from the process's config and shared context. */
export function ingestDeps(config: Config, context: SharedContext, logger: Logger): IngestDepsForMain {
  const { redisUrl, redis, keys, influx, rollups, registry, deadLetters, metrics } = context
  return { config: config.ingest, maxPayloadBytes: config.mqtt.maxPacketBytes, redisUrl, redis, keys, influx, rollups, registry, deadLetters, metrics, logger }
}

/** What the rules engine needs; it reaches the broker and the API at the URLs given. */
export function rulesDeps(config: Config, context: SharedContext, logger: Logger, urls: { mqtt: string; api: string }, secret: string): RulesDeps {
  const username = serviceUsername('rules')
  return {
    config: config.rules,
    redisUrl: context.redisUrl,
    redis: context.redis,
    keys: context.keys,
    influx: context.influx,
    registry: context.registry,
    alerts: context.alerts,
    mqtt: { url: urls.mqtt, username, password: mqttServicePassword(secret, 'rules'), clientId: username },
    api: { url: urls.api, token: serviceApiToken(secret) },
    logger
  }
}

/** What the API needs. */
export function apiDeps(config: Config, context: SharedContext, logger: Logger): ApiDeps {
  const { redis, keys, influx, rollups, registry, alerts, tokens, metrics, deadLetters } = context
  const decodeLimits = { ...DEFAULT_DECODE_LIMITS, maxAgeMs: config.ingest.rawRetentionMs, maxPayloadBytes: config.mqtt.maxPacketBytes }
  return { redis, keys, influx, rollups, rawRetentionMs: config.ingest.rawRetentionMs, rulesDir: config.rules.dir, workOrderPolicy: config.workOrders, notificationPolicy: config.notifications, scorecardFile: config.api.scorecardFile, jobs: true, publicBaseUrl: config.api.publicBaseUrl, rateLimits: config.api.rateLimit, trustedProxyHops: config.api.trustedProxyHops, registry, alerts, tokens, metrics, deadLetters, decodeLimits, logger: logger.child({ part: 'api' }), photos: new PhotoStore({ dir: path.join(config.dataDir, 'photos'), maxBytes: config.photos.maxBytes }), occupantReportLimits: config.occupantRequests }
}
