import type { MqttClient } from 'mqtt'
import type { Logger } from '../core/logger.js'
import { connectAndSubscribe, createServiceClient } from '../core/mqtt/service-client.js'
import type { ServiceClientOptions } from '../core/mqtt/service-client.js'
import type { DeviceDirectory } from '../core/registry/device-directory.js'
import { decodeTelemetryValue } from '../core/telemetry/decode-telemetry.js'
import { STORED_TELEMETRY_FILTER, decodeStoredBatch, storedTelemetryTopic } from '../core/telemetry/stored-telemetry.js'
import type { StoredEntry } from '../core/telemetry/stored-telemetry.js'
import type { AlertService } from './alert-service.js'
import type { EngineSnapshots } from './engine-snapshots.js'
import { evaluateReading } from './evaluate-reading.js'
import type { HealthReporter } from './health-reporter.js'
import type { RuleTransition, RulesEngine } from './rules-engine.js'

export interface TelemetryConsumerDeps extends ServiceClientOptions {
  directory: DeviceDirectory
  engine: RulesEngine
  alerts: AlertService
  snapshots?: EngineSnapshots | undefined
  health?: HealthReporter | undefined
  /** Only these sites' telemetry (scale-out); undefined: every site. */
  sites?: readonly string[] | undefined
  logger: Logger
}

/**
 * The rules engine's view of the fleet: the telemetry ingest has stored, in batches on
 * `vigil/stored/{site}` (core/telemetry/stored-telemetry.ts), over MQTT with its own account.
 * QoS 0 on a clean session on purpose: durability is ingest's job (every reading is in InfluxDB),
 * and a persistent session would make the broker keep an unbounded queue for an absent rules
 * engine. While connected, the broker does not drop QoS 0 messages to a slow reader; it waits
 * for the socket to drain. Batches are evaluated in arrival order.
 */
export async function startTelemetryConsumer(deps: TelemetryConsumerDeps): Promise<{ client: MqttClient; close(): Promise<void> }> {
  const { directory, engine, alerts, snapshots, health, logger } = deps
  const client = createServiceClient(deps, { persistent: false })
  const transitions: RuleTransition[] = []
  // Registry lookups of devices not seen yet are awaited in order, so readings keep their order.
  let lookups: Promise<void> = Promise.resolve()

  const evaluate = (entry: StoredEntry): void => {
    const known = directory.get(entry.deviceId)
    if (known === undefined) return
    const decoded = decodeTelemetryValue(entry.body, Date.now())
    if (!decoded.ok) return
    const { equipment } = known
    for (const reading of decoded.readings) evaluateReading(engine, alerts, equipment, reading, transitions)
    snapshots?.touch(equipment)
    health?.track(equipment)
  }

  client.on('message', (topic, payload) => {
    let entries: StoredEntry[]
    try {
      entries = decodeStoredBatch(payload)
    } catch (error) {
      logger.warn({ err: error, topic }, 'unreadable stored-telemetry batch skipped')
      return
    }
    const unknown = entries.filter((entry) => directory.get(entry.deviceId) === undefined)
    if (unknown.length === 0) {
      // Fast path: every device known; but wait behind lookups still running for earlier batches.
      lookups = lookups.then(() => entries.forEach(evaluate))
      return
    }
    lookups = lookups
      .then(() => Promise.all(unknown.map((entry) => directory.resolve(entry.deviceId))))
      .then(() => entries.forEach(evaluate))
      .catch((error: unknown) => logger.warn({ err: error }, 'registry lookup failed; batch skipped'))
  })
  await connectAndSubscribe(client, deps.sites === undefined ? STORED_TELEMETRY_FILTER : deps.sites.map(storedTelemetryTopic), 0, logger)
  return {
    client,
    async close() {
      await client.endAsync()
      await lookups
      await alerts.settled()
    }
  }
}
