import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import type { Logger } from '../logger.js'

export interface ServiceClientOptions {
  url: string
  username: string
  password: string
  clientId: string
}

/**
 * The MQTT client of a Vigil service (ingest, rules); it reconnects by itself. Not connected yet,
 * so the caller attaches its message handling before the broker delivers anything. A persistent
 * session (`clean: false`, fixed client id) makes the broker keep the session's QoS 1 messages
 * while the service is away.
 */
export function createServiceClient(options: ServiceClientOptions, session: { persistent: boolean }): MqttClient {
  return mqtt.connect(options.url, {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: !session.persistent,
    protocolVersion: 4,
    reconnectPeriod: 1000,
    manualConnect: true
  })
}

/** Connects (fails on the first error, e.g. a refused login) and subscribes to `filter`. */
export async function connectAndSubscribe(client: MqttClient, filter: string | string[], qos: 0 | 1, logger: Logger): Promise<void> {
  client.on('error', (error) => logger.warn({ err: error }, 'MQTT client error'))
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', reject)
    client.connect()
  })
  // A refusal (SUBACK 0x80) rejects here: a service that cannot read its topic must not run.
  await client.subscribeAsync(filter, { qos })
  logger.info({ filter, qos, clientId: client.options.clientId }, 'subscribed')
}
