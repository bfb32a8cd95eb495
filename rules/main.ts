import type { Config } from '../core/config/config.js'
import type { AlertStore } from '../core/alerts/alert-store.js'
import type { Logger } from '../core/logger.js'
import { createRedis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { DeviceDirectory } from '../core/registry/device-directory.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import { AlertService } from './alert-service.js'
import { loadRuleBook } from './load-rule-book.js'
import { RulesEngine } from './rules-engine.js'
import { startTelemetryConsumer } from './telemetry-consumer.js'
import { createWorkOrderQueue, createWorkOrderWorker } from './work-order-job.js'

export interface RulesDeps {
  config: Config['rules']
  redisUrl: string
  keys: RedisKeys
  registry: RegistryStore
  alerts: AlertStore
  mqtt: { url: string; username: string; password: string; clientId: string }
  api: { url: string; token: string }
  logger: Logger
}

export interface RunningRules {
  close(): Promise<void>
}

/** The rules engine: rule files, detectors over the telemetry stream, alerts, and the job that opens work orders. */
export async function startRules(deps: RulesDeps): Promise<RunningRules> {
  const logger = deps.logger.child({ part: 'rules' })
  const book = await loadRuleBook(deps.config.dir)
  logger.info({ dir: deps.config.dir, rules: [...book.values()].reduce((n, rules) => n + rules.length, 0) }, 'rules loaded')

  const queueConnection = createRedis(deps.redisUrl, 'vigil-rules-queue')
  const workerConnection = createRedis(deps.redisUrl, 'vigil-rules-worker')
  const queue = createWorkOrderQueue(queueConnection, deps.keys.bullPrefix, deps.config.workOrderAttempts)
  const worker = createWorkOrderWorker({ connection: workerConnection, prefix: deps.keys.bullPrefix, apiUrl: deps.api.url, apiToken: deps.api.token, alerts: deps.alerts, logger })

  const directory = new DeviceDirectory(deps.registry)
  await directory.watch(createRedis(deps.redisUrl, 'vigil-rules-registry-watch'), deps.keys)
  const alertService = new AlertService({ alerts: deps.alerts, workOrders: queue, logger })
  const consumer = await startTelemetryConsumer({ ...deps.mqtt, directory, engine: new RulesEngine(book), alerts: alertService, logger })

  return {
    async close() {
      await consumer.close()
      await worker.close()
      await queue.close()
      await directory.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
