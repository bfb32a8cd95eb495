import type { Config } from '../core/config/config.js'
import { AlertEventLog } from '../core/alerts/alert-event-log.js'
import type { AlertStore } from '../core/alerts/alert-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Logger } from '../core/logger.js'
import { MaintenanceWindowStore } from '../core/maintenance/maintenance-window-store.js'
import { createRedis } from '../core/redis/redis-connection.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { DeviceDirectory } from '../core/registry/device-directory.js'
import { DeviceLastSeen } from '../core/registry/device-last-seen.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import { startAlertEventsForwarder } from './alert-events-forwarder.js'
import { AlertService } from './alert-service.js'
import { EngineSnapshots } from './engine-snapshots.js'
import { EngineStateStore } from './engine-state-store.js'
import { EquipmentMutes } from './equipment-mutes.js'
import { HealthReporter } from './health-reporter.js'
import { startHeartbeatMonitor } from './heartbeat-monitor.js'
import { startRuleReloader } from './rule-reloader.js'
import { RuleOverrideStore } from './rule-overrides.js'
import { loadRuleSet } from './rule-set.js'
import { RulesEngine } from './rules-engine.js'
import { startTelemetryConsumer } from './telemetry-consumer.js'
import { createWorkOrderQueue, createWorkOrderWorker } from './work-order-job.js'

export interface RulesDeps {
  config: Config['rules']
  redisUrl: string
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
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
  const { config, redis, keys } = deps
  const logger = deps.logger.child({ part: 'rules' })
  const overrides = new RuleOverrideStore(redis, keys)
  const rules = await loadRuleSet(config.dir, overrides)
  const { book } = rules
  for (const problem of rules.problems) logger.warn({ problem }, 'rule override ignored')
  logger.info({ dir: config.dir, rules: [...book.values()].reduce((n, list) => n + list.length, 0), overridden: rules.perEquipment.size, sites: config.sites ?? 'all' }, 'rules loaded')

  const queueConnection = createRedis(deps.redisUrl, 'vigil-rules-queue')
  const workerConnection = createRedis(deps.redisUrl, 'vigil-rules-worker')
  const eventsConnection = createRedis(deps.redisUrl, 'vigil-rules-alert-events')
  const queue = createWorkOrderQueue(queueConnection, keys.bullPrefix, config.workOrderAttempts)
  const worker = createWorkOrderWorker({ connection: workerConnection, prefix: keys.bullPrefix, apiUrl: deps.api.url, apiToken: deps.api.token, alerts: deps.alerts, logger })

  const events = new AlertEventLog(redis, keys)
  const forwarder = startAlertEventsForwarder({ log: events, redis, blockingConnection: eventsConnection, keys, influx: deps.influx, logger })
  const alertService = new AlertService({
    records: deps.alerts,
    workOrders: queue,
    events,
    mutes: new EquipmentMutes(redis, keys, new MaintenanceWindowStore(redis, keys)),
    lifecycle: config.lifecycle,
    logger
  })
  const engine = new RulesEngine(book, rules.perEquipment)
  const reloader = await startRuleReloader({
    dir: config.dir,
    overrides,
    subscriber: createRedis(deps.redisUrl, 'vigil-rules-reload'),
    keys,
    onRules: (set) => engine.reload(set.book, set.perEquipment),
    logger
  })
  const snapshots = new EngineSnapshots(engine, alertService, new EngineStateStore(redis, keys), logger)
  const restored = await snapshots.restore(config.sites)
  logger.info({ equipment: restored }, 'rules engine state restored')
  snapshots.start(config.snapshotEveryMs)

  const health = new HealthReporter({ engine, alerts: alertService, redis, keys, influx: deps.influx, logger })
  health.start(config.healthEveryMs)

  // Silence is judged against the registry, so a device already silent at start is reported too.
  const heartbeats = startHeartbeatMonitor({
    book,
    registry: deps.registry,
    lastSeen: new DeviceLastSeen(redis, keys.deviceLastSeen),
    intervalMs: config.heartbeatEveryMs,
    sites: config.sites,
    logger,
    onTransition: (transition) => {
      alertService.submit(transition)
      // An offline equipment sends no readings, so nothing else marks its state for saving.
      snapshots.touch(transition.equipment)
    }
  })

  const directory = new DeviceDirectory(deps.registry)
  await directory.watch(createRedis(deps.redisUrl, 'vigil-rules-registry-watch'), keys)
  const consumer = await startTelemetryConsumer({ ...deps.mqtt, directory, engine, alerts: alertService, snapshots, health, sites: config.sites, logger })

  return {
    async close() {
      await consumer.close()
      await reloader.close()
      await heartbeats.close()
      await snapshots.close()
      await health.close()
      await forwarder.close()
      await worker.close()
      await queue.close()
      await directory.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
