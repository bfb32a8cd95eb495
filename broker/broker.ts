import { Aedes } from 'aedes'
import type { AuthenticateError, Client, PublishPacket, Subscription } from 'aedes'
import type { DeadLetter } from '../core/dead-letters/dead-letter-store.js'
import type { Logger } from '../core/logger.js'
import { createMetrics } from '../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import type { TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import { AddressLimiter } from './address-limiter.js'
import { CONNACK, ClientAuthenticator } from './authenticate-client.js'
import { BROKER_DEFAULTS } from './broker-options.js'
import { createBrokerState } from './broker-state.js'
import type { BrokerOptions } from './broker-options.js'
import { trackDeviceStatus } from './device-status.js'
import { startListeners } from './listeners.js'
import { limitPacketSize } from './packet-size-limit.js'
import { enforceClientIdRules } from './client-id-rules.js'
import { forwardAtGrantedQos } from './granted-qos.js'
import { authorizeQos2Once } from './qos2-once.js'
import { replaySessionsAsMqtt311 } from './session-persistence.js'
import { SessionPresence } from './session-present.js'
import { PublishGate } from './publish-gate.js'
import { countQueuedMessages } from './queued-messages.js'
import { StoredTelemetryForwarder } from './stored-telemetry-forwarder.js'
import { isTelemetryTopic, mayPublish, maySubscribe } from './topic-acl.js'
import type { BrokerPrincipal } from './topic-acl.js'

export type { BrokerOptions }

export interface BrokerDeps {
  registry: RegistryStore
  deadLetters: { record(letter: DeadLetter): Promise<void> }
  logger: Logger
  metrics?: VigilMetrics
  options: BrokerOptions
  /**
   * Embedded ingest. When set, the device's PUBACK for a telemetry message waits until this
   * resolves (aedes sends PUBACK only after authorizePublish calls back): acknowledged means
   * stored. A rejection closes the connection without PUBACK, so the device sends it again.
   */
  onTelemetry?: TelemetryHandler | undefined
}

export interface RunningBroker {
  readonly aedes: Aedes
  readonly port: number
  readonly url: string
  readonly tlsPort: number | undefined
  readonly wsPort: number | undefined
  close(): Promise<void>
}

/**
 * The MQTT broker: aedes with Vigil's logins (ClientAuthenticator), per-address connection rate
 * and failed-login slow-down, the per-device topic ACL, a packet size limit, the retained device
 * status, TCP/TLS/WebSocket listeners, and optionally the embedded ingest in authorizePublish.
 */
export async function startBroker(deps: BrokerDeps): Promise<RunningBroker> {
  const { registry, deadLetters, logger } = deps
  const options = { ...BROKER_DEFAULTS, ...deps.options }
  const metrics = (deps.metrics ?? createMetrics('broker')).broker
  const principals = new WeakMap<Client, BrokerPrincipal>()
  const addresses = new WeakMap<Client, string>()
  const keepalives = new WeakMap<Client, number>()
  const limiter = new AddressLimiter({
    connectsPerSecond: options.connectsPerSecondPerAddress,
    connectBurst: options.connectBurstPerAddress,
    failuresBeforeDelay: options.failuresBeforeDelay,
    windowMs: options.addressWindowMs
  })
  const authenticator = new ClientAuthenticator(registry, { allowAnonymous: options.allowAnonymous, keepaliveMaxS: options.keepaliveMaxS }, limiter)
  const state = createBrokerState({ persistence: options.persistence, emitter: options.emitter, redisUrl: options.stateRedisUrl })
  const gate = new PublishGate(options.maxQueuedMessages, {
    closed: (count) => {
      metrics.backpressure.set(1)
      logger.warn({ queued: count, bound: options.maxQueuedMessages }, 'broker holds its bound of undelivered messages: new publishes get no PUBACK until subscribers catch up')
    },
    opened: (count) => {
      metrics.backpressure.set(0)
      logger.warn({ queued: count }, 'broker below its bound of undelivered messages again: acknowledging publishes')
    }
  })
  countQueuedMessages(state.aedesOptions.persistence as Parameters<typeof countQueuedMessages>[0], (delta) => {
    gate.change(delta)
    metrics.queuedMessages.set(gate.queued)
  })
  const addressOf = (client: Client): string => addresses.get(client) ?? 'unknown'

  const refusePublish = async (client: Client, packet: PublishPacket, why: string): Promise<Error> => {
    logger.warn({ clientId: client.id, topic: packet.topic, messageId: packet.messageId }, `publish refused: ${why}`)
    metrics.publishesRefused.inc()
    await deadLetters.record({ reason: 'not_authorized', detail: why, topic: packet.topic, clientId: client.id, payload: packet.payload as Uint8Array })
    return new Error(why)
  }

  const sessions = new SessionPresence()
  const aedes = new Aedes({
    ...(state.aedesOptions as Record<string, unknown>),
    // aedes 1.2's replay of a persistent session breaks MQTT 3.1.1 on DUP, RETAIN, packet ids and
    // order (broker/session-persistence.ts); after countQueuedMessages, which patches it in place.
    persistence: replaySessionsAsMqtt311(state.aedesOptions.persistence as object),
    authorizeForward: forwardAtGrantedQos,
    preConnect(client, packet, done) {
      if (enforceClientIdRules(client, packet, { assignClientIds: false })) return done(null, false)
      if (!limiter.tryConnect(addressOf(client))) {
        metrics.connections.inc({ result: 'rate_limited' })
        logger.warn({ address: addressOf(client), clientId: packet.clientId }, 'MQTT connection refused: this address connects too fast')
        // With an error aedes closes the connection; without one it would leave it hanging.
        return done(new Error('connection rate limit'), false)
      }
      keepalives.set(client, packet.keepalive ?? 0)
      sessions.track(client, packet)
      done(null, true)
    },

    authenticate(client, username, password, done) {
      const address = addressOf(client)
      authenticator.login({ clientId: client.id, username, password, address, keepaliveS: keepalives.get(client) ?? 0 }).then(
        (result) => {
          if (!result.ok) {
            metrics.connections.inc({ result: 'refused' })
            logger.warn({ clientId: client.id, username, address, returnCode: result.returnCode }, `MQTT login refused: ${result.why}`)
            return done(authError(result.why, result.returnCode), false)
          }
          metrics.connections.inc({ result: 'accepted' })
          principals.set(client, result.principal)
          done(null, true)
        },
        (error: unknown) => {
          metrics.connections.inc({ result: 'error' })
          logger.error({ err: error, clientId: client.id }, 'MQTT authentication failed with an error')
          done(authError('server unavailable', CONNACK.serverUnavailable), false)
        }
      )
    },

    // A QoS 2 PUBLISH sent again before PUBREL is not authorized (so not ingested) twice.
    authorizePublish: authorizeQos2Once((client, packet, done) => {
      // aedes calls this with no client for the will of a session that is already gone.
      if (client === null) return done(null)
      const closed = gate.wait()
      if (closed !== undefined) {
        void closed.then(() => aedes.authorizePublish(client, packet, done))
        return
      }
      const principal = principals.get(client)
      if (principal === undefined || !mayPublish(principal, packet.topic)) {
        const why = `${client.id} may not publish to ${packet.topic}`
        refusePublish(client, packet, why).then(done, done)
        return
      }
      if (deps.onTelemetry === undefined || !isTelemetryTopic(principal, packet.topic) || principal.kind !== 'device') return done(null)
      const payload = packet.payload as Uint8Array
      deps.onTelemetry({ topic: packet.topic, clientId: client.id, payload, deviceId: principal.deviceId }).then(
        (outcome) => {
          if (outcome === 'stored') stored.add(principal.siteId, principal.deviceId, payload)
          done(null)
        },
        (error: Error) => done(error)
      )
    }),

    authorizeSubscribe(client, subscription: Subscription, done) {
      const principal = principals.get(client)
      if (principal === undefined || !maySubscribe(principal, subscription.topic)) {
        logger.warn({ clientId: client.id, topic: subscription.topic }, 'subscription refused')
        // A null subscription is refused in SUBACK (0x80) without closing the connection.
        return done(null, null)
      }
      done(null, subscription)
    }
  })
  const stored = new StoredTelemetryForwarder((topic, payload) => {
    aedes.publish({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }, (error) => {
      if (error) logger.warn({ err: error, topic }, 'could not republish stored telemetry')
    })
  })
  trackDeviceStatus(aedes, (client) => principals.get(client), (error) => logger.warn({ err: error }, 'could not publish a device status'))
  aedes.on('clientReady', (client) => {
    const principal = principals.get(client)
    if (principal !== undefined) metrics.connectedClients.inc({ kind: principal.kind })
  })
  aedes.on('clientDisconnect', (client) => {
    const principal = principals.get(client)
    if (principal !== undefined) metrics.connectedClients.dec({ kind: principal.kind })
  })
  aedes.on('keepaliveTimeout', (client) => logger.info({ clientId: client.id }, 'MQTT client silent past its keep-alive: disconnected'))
  aedes.on('clientError', (client, error) => logger.debug({ clientId: client.id, err: error }, 'MQTT client error'))
  aedes.on('connectionError', (client, error) => logger.debug({ address: addressOf(client), err: error }, 'MQTT connection error'))
  await aedes.listen()

  const listeners = await startListeners(
    { host: options.host, port: options.port, maxConnections: options.maxConnections, tls: options.tls, wsPort: options.wsPort },
    (stream, remoteAddress) => {
      const client = aedes.handle(stream)
      addresses.set(client, remoteAddress ?? 'unknown')
      limitPacketSize(client, options.maxPacketBytes, (length) => {
        metrics.packetsRefused.inc()
        logger.warn({ address: remoteAddress, clientId: client.id, length, limit: options.maxPacketBytes }, 'MQTT packet over the size limit: connection closed')
      })
    },
    (why) => metrics.connections.inc({ result: why }),
    logger
  )
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host
  return {
    aedes,
    port: listeners.port,
    tlsPort: listeners.tlsPort,
    wsPort: listeners.wsPort,
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${listeners.port}`,
    async close() {
      await Promise.all([listeners.close(), new Promise<void>((resolve) => aedes.close(() => resolve()))])
      await state.close()
    }
  }
}

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode })
}
