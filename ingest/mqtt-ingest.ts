import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import type { Logger } from '../core/logger.js'
import { TELEMETRY_FILTER, parseDeviceTopic } from '../core/telemetry/topics.js'
import type { TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import type { DeadLetterSink, IngestPipeline } from './ingest-pipeline.js'

export interface MqttIngestDeps {
  url: string
  username: string
  password: string
  /** Fixed, with `clean: false`: the broker keeps the session's QoS 1 messages while ingest is away. */
  clientId: string
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
  const client = mqtt.connect(deps.url, {
    clientId: deps.clientId,
    username: deps.username,
    password: deps.password,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 1000,
    manualConnect: true
  })
  client.handleMessage = (packet, done) => {
    const topic = packet.topic
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    const parsed = parseDeviceTopic(topic)
    const work =
      parsed === undefined || parsed.rest !== 'telemetry'
        ? deps.deadLetters.record({ reason: 'topic_mismatch', detail: `not a telemetry topic: ${topic}`, topic, clientId: deps.clientId, payload })
        : deps.handle({ topic, clientId: parsed.deviceId, deviceId: parsed.deviceId, payload })
    deps.pipeline.flushNow()
    work.then(
      () => done(),
      (error: Error) => {
        logger.warn({ err: error, topic }, 'message not stored; leaving it unacknowledged')
        done(error)
      }
    )
  }
  client.on('error', (error) => logger.warn({ err: error }, 'ingest MQTT client error'))
  const connected = new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', reject)
  })
  client.connect()
  await connected
  const granted = await client.subscribeAsync(TELEMETRY_FILTER, { qos: 1 })
  if (granted.some((grant) => grant.qos === 128)) throw new Error(`broker refused the ingest subscription to ${TELEMETRY_FILTER}`)
  logger.info({ url: deps.url, clientId: deps.clientId }, 'ingest subscribed to telemetry')
  return {
    client,
    async close() {
      await client.endAsync()
    }
  }
}
