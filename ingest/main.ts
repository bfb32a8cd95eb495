import type { Config } from '../core/config/config.js'
import type { DeadLetterStore } from '../core/dead-letters/dead-letter-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Logger } from '../core/logger.js'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'
import { createRedis } from '../core/redis/redis-connection.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { DeviceDirectory } from '../core/registry/device-directory.js'
import { DeviceLastSeen } from '../core/registry/device-last-seen.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import { DEFAULT_DECODE_LIMITS } from '../core/telemetry/decode-telemetry.js'
import type { TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import { IngestPipeline } from './ingest-pipeline.js'
import type { UnknownMetricSink } from './ingest-pipeline.js'
import { createTelemetryHandler } from './telemetry-handler.js'
import { DirtyMinutes } from './rollups/dirty-minutes.js'
import { startRollupJob } from './rollups/rollup-job.js'

export interface IngestDepsForMain {
  config: Config['ingest']
  maxPayloadBytes: number
  redisUrl: string
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
  rollups: InfluxStore
  registry: RegistryStore
  deadLetters: DeadLetterStore
  metrics: VigilMetrics
  logger: Logger
}

export interface Ingest {
  pipeline: IngestPipeline
  /** Plug into the embedded broker (`onTelemetry`) or feed from an MQTT client. */
  handle: TelemetryHandler
  close(): Promise<void>
}

/** Ingest's parts wired together: device directory (watching the registry), pipeline, handler. */
export async function createIngest(deps: IngestDepsForMain): Promise<Ingest> {
  const logger = deps.logger.child({ part: 'ingest' })
  const directory = new DeviceDirectory(deps.registry)
  await directory.watch(createRedis(deps.redisUrl, 'vigil-ingest-registry-watch'), deps.keys)
  const unknownMetrics: UnknownMetricSink = {
    async count(counts) {
      const pipeline = deps.redis.pipeline()
      for (const [key, n] of counts) pipeline.hincrby(deps.keys.unknownMetrics, key, n)
      await pipeline.exec()
    }
  }
  const dirtyMinutes = new DirtyMinutes(deps.redis, deps.keys.rollupDirtyMinutes)
  const pipeline = new IngestPipeline({
    influx: deps.influx,
    deadLetters: deps.deadLetters,
    unknownMetrics,
    storedMinutes: dirtyMinutes,
    lastSeen: new DeviceLastSeen(deps.redis, deps.keys.deviceLastSeen),
    metrics: deps.metrics,
    logger,
    options: {
      maxPendingPoints: deps.config.maxPendingPoints,
      batchMaxPoints: deps.config.batchMaxPoints,
      batchMaxAgeMs: deps.config.batchMaxAgeMs,
      retryMaxDelayMs: deps.config.retryMaxDelayMs,
      decodeLimits: { ...DEFAULT_DECODE_LIMITS, maxAgeMs: deps.config.rawRetentionMs, maxPayloadBytes: deps.maxPayloadBytes }
    }
  })
  const rollupJob = await startRollupJob({
    raw: deps.influx,
    rollups: deps.rollups,
    dirty: dirtyMinutes,
    quietMs: deps.config.rollupQuietMs,
    everyMs: deps.config.rollupEveryMs,
    connection: deps.redis,
    prefix: deps.keys.bullPrefix,
    logger
  })
  return {
    pipeline,
    handle: createTelemetryHandler({ pipeline, directory, deadLetters: deps.deadLetters }),
    async close() {
      await pipeline.close()
      await rollupJob.close()
      await directory.close()
    }
  }
}
