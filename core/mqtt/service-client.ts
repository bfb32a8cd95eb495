import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import type { Logger } from '../logger.js'

export interface ServiceClientOptions {
  url: string
  username: string
  password: string
  /** Fixed, with `clean: false`: the broker keeps the session's QoS 1 messages while the service is away. */
  clientId: string
}

/**
 * The MQTT client of a Vigil service (ingest, rules): a persistent session that reconnects by
 * itself. Not connected yet, so the caller attaches its message handling before the broker
 * delivers what it queued for the session.
 */
export function createServiceClient(options: ServiceClientOptions): MqttClient {
  return mqtt.connect(options.url, {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 1000,
    manualConnect: true
  })
}

/** Connects (fails on the first error, e.g. a refused login) and subscribes to `filter` with QoS 1. */
export async function connectAndSubscribe(client: MqttClient, filter: string, logger: Logger): Promise<void> {
  client.on('error', (error) => logger.warn({ err: error }, 'MQTT client error'))
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', reject)
    client.connect()
  })
  // A refusal (SUBACK 0x80) rejects here: a service that cannot read its topic must not run.
  await client.subscribeAsync(filter, { qos: 1 })
  logger.info({ filter, clientId: client.options.clientId }, 'subscribed')
}
