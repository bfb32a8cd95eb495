import type { MqttClient } from 'mqtt'
import type { Logger } from '../core/logger.js'
import { connectAndSubscribe, createServiceClient } from '../core/mqtt/service-client.js'
import type { ServiceClientOptions } from '../core/mqtt/service-client.js'
import { encodeStoredBatch, storedTelemetryTopic } from '../core/telemetry/stored-telemetry.js'
import { TELEMETRY_FILTER, parseDeviceTopic } from '../core/telemetry/topics.js'
import type { TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import type { DeadLetterSink, IngestPipeline } from './ingest-pipeline.js'

export interface MqttIngestDeps extends ServiceClientOptions {
  handle: TelemetryHandler
  pipeline: IngestPipeline
  deadLetters: DeadLetterSink
  logger: Logger
}

export interface MqttIngest {
  readonly client: MqttClient
  close(): Promise<void>
}

/**
 * Ingest as a plain MQTT client, for a broker that is not Vigil's own (Mosquitto, EMQX).
 * Each message is PUBACKed only after it is stored or dead-lettered, through mqtt.js's
 * handleMessage hook. mqtt.js hands over the next message only after that callback, so this
 * client writes one message at a time: the batch is flushed at once instead of waiting to fill.
 */
export async function startMqttIngest(deps: MqttIngestDeps): Promise<MqttIngest> {
  const { logger } = deps
  const client = createServiceClient(deps, { persistent: true })
  client.handleMessage = (packet, done) => {
    const topic = packet.topic
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    const parsed = parseDeviceTopic(topic)
    const work =
      parsed === undefined || parsed.rest !== 'telemetry'
        ? deps.deadLetters.record({ reason: 'topic_mismatch', detail: `not a telemetry topic: ${topic}`, topic, clientId: deps.clientId, payload })
        : deps.handle({ topic, clientId: parsed.deviceId, deviceId: parsed.deviceId, payload }).then((outcome) => {
            // The rules engine reads what is stored (core/telemetry/stored-telemetry.ts).
            if (outcome === 'stored') client.publish(storedTelemetryTopic(parsed.siteId), encodeStoredBatch([{ deviceId: parsed.deviceId, payload }]), { qos: 0 })
          })
    deps.pipeline.flushNow()
    work.then(
      () => done(),
      (error: Error) => {
        logger.warn({ err: error, topic }, 'message not stored; leaving it unacknowledged')
        done(error)
      }
    )
  }
  await connectAndSubscribe(client, TELEMETRY_FILTER, 1, logger)
  return {
    client,
    async close() {
      await client.endAsync()
    }
  }
}
