import type { MqttClient } from 'mqtt'
import type { Logger } from '../core/logger.js'
import { connectAndSubscribe, createServiceClient } from '../core/mqtt/service-client.js'
import type { ServiceClientOptions } from '../core/mqtt/service-client.js'
import type { DeviceDirectory } from '../core/registry/device-directory.js'
import { decodeTelemetry } from '../core/telemetry/decode-telemetry.js'
import { TELEMETRY_FILTER, parseDeviceTopic } from '../core/telemetry/topics.js'
import type { AlertService } from './alert-service.js'
import type { RuleTransition, RulesEngine } from './rules-engine.js'

export interface TelemetryConsumerDeps extends ServiceClientOptions {
  directory: DeviceDirectory
  engine: RulesEngine
  alerts: AlertService
  logger: Logger
}

/**
 * The rules engine's view of the fleet: every telemetry message, over MQTT with its own account.
 * A message ingest has refused is skipped here (ingest dead-letters and counts it).
 */
export async function startTelemetryConsumer(deps: TelemetryConsumerDeps): Promise<{ client: MqttClient; close(): Promise<void> }> {
  const { directory, engine, alerts, logger } = deps
  const client = createServiceClient(deps)
  const transitions: RuleTransition[] = []
  const evaluate = (topic: string, payload: Buffer): void => {
    const parsed = parseDeviceTopic(topic)
    if (parsed === undefined) return
    const known = directory.get(parsed.deviceId)
    if (known === undefined) {
      void directory.resolve(parsed.deviceId).then(
        (device) => device !== undefined && evaluate(topic, payload),
        (error: unknown) => logger.warn({ err: error }, 'registry lookup failed')
      )
      return
    }
    if (topic !== known.telemetryTopic) return
    const decoded = decodeTelemetry(payload, Date.now())
    if (!decoded.ok) return
    transitions.length = 0
    for (const reading of decoded.readings) engine.evaluate(known.equipment, reading, transitions)
    for (const transition of transitions) alerts.submit(transition)
  }
  client.on('message', evaluate)
  await connectAndSubscribe(client, TELEMETRY_FILTER, logger)
  return {
    client,
    async close() {
      await client.endAsync()
      await alerts.settled()
    }
  }
}
