import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { Aedes } from 'aedes'
import type { AuthenticateError, Client, PublishPacket, Subscription } from 'aedes'
import { verifyPassword } from '../core/auth/password-hash.js'
import { SERVICE_ACCOUNTS, serviceUsername } from '../core/auth/service-credentials.js'
import type { DeadLetter } from '../core/dead-letters/dead-letter-store.js'
import type { Logger } from '../core/logger.js'
import { createMetrics } from '../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import type { TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import { StoredTelemetryForwarder } from './stored-telemetry-forwarder.js'
import { devicePrincipal, isTelemetryTopic, mayPublish, maySubscribe } from './topic-acl.js'
import type { BrokerPrincipal } from './topic-acl.js'

export interface BrokerOptions {
  host: string
  /** 0 picks a free port. */
  port: number
}

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
  close(): Promise<void>
}

const BAD_CREDENTIALS = 4
const NOT_AUTHORIZED = 5
const SERVER_UNAVAILABLE = 3

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode })
}

/**
 * The MQTT broker: aedes with Vigil's authentication (devices by id and scrypt-hashed password,
 * service accounts `vigil-ingest` and `vigil-rules`), the per-device topic ACL, and optionally
 * the embedded ingest hooked into authorizePublish.
 */
export async function startBroker(deps: BrokerDeps): Promise<RunningBroker> {
  const { registry, deadLetters, logger } = deps
  const metrics = (deps.metrics ?? createMetrics('broker')).broker
  const principals = new WeakMap<Client, BrokerPrincipal>()

  const authenticate = async (client: Client, username: string | undefined, password: Buffer | undefined): Promise<BrokerPrincipal | number> => {
    if (username === undefined || password === undefined) return NOT_AUTHORIZED
    const secret = password.toString('utf8')
    const account = SERVICE_ACCOUNTS.find((name) => serviceUsername(name) === username)
    if (account !== undefined) {
      const record = await registry.getServiceAccount(account)
      if (record === undefined || !(await verifyPassword(secret, record.passwordHash))) return BAD_CREDENTIALS
      // A service's client id starts with its username, so it can never take over a device's session.
      if (!client.id.startsWith(username)) return NOT_AUTHORIZED
      return { kind: 'service', account }
    }
    const device = await registry.getDevice(username)
    if (device === undefined || !(await verifyPassword(secret, device.passwordHash))) return BAD_CREDENTIALS
    // A device's client id is its own id: nobody else can take over its session.
    if (client.id !== device.id) return NOT_AUTHORIZED
    return devicePrincipal(device.id, device.siteId)
  }

  const refusePublish = async (client: Client, packet: PublishPacket, why: string): Promise<Error> => {
    logger.warn({ clientId: client.id, topic: packet.topic }, `publish refused: ${why}`)
    metrics.publishesRefused.inc()
    await deadLetters.record({ reason: 'not_authorized', detail: why, topic: packet.topic, clientId: client.id, payload: packet.payload as Uint8Array })
    return new Error(why)
  }

  const aedes = new Aedes({
    authenticate(client, username, password, done) {
      authenticate(client, username, password).then(
        (result) => {
          if (typeof result === 'number') {
            metrics.connections.inc({ result: 'refused' })
            logger.warn({ clientId: client.id, username, address: remoteAddress(client) }, 'MQTT login refused')
            return done(authError('login refused', result), false)
          }
          metrics.connections.inc({ result: 'accepted' })
          principals.set(client, result)
          done(null, true)
        },
        (error: unknown) => {
          metrics.connections.inc({ result: 'error' })
          logger.error({ err: error, clientId: client.id }, 'MQTT authentication failed with an error')
          done(authError('server unavailable', SERVER_UNAVAILABLE), false)
        }
      )
    },

    authorizePublish(client, packet, done) {
      // aedes calls this with no client for the will of a session that is already gone.
      if (client === null) return done(null)
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
    },

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
  aedes.on('clientReady', (client) => {
    const principal = principals.get(client)
    if (principal !== undefined) metrics.connectedClients.inc({ kind: principal.kind })
  })
  aedes.on('clientDisconnect', (client) => {
    const principal = principals.get(client)
    if (principal !== undefined) metrics.connectedClients.dec({ kind: principal.kind })
  })
  aedes.on('clientError', (client, error) => logger.debug({ clientId: client.id, err: error }, 'MQTT client error'))
  aedes.on('connectionError', (client, error) => logger.debug({ address: remoteAddress(client), err: error }, 'MQTT connection error'))
  await aedes.listen()

  const server = net.createServer((socket) => aedes.handle(socket))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(deps.options.port, deps.options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const host = deps.options.host === '0.0.0.0' || deps.options.host === '::' ? '127.0.0.1' : deps.options.host
  logger.info({ host: deps.options.host, port }, 'MQTT broker listening')

  return {
    aedes,
    port,
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        new Promise<void>((resolve) => aedes.close(() => resolve()))
      ])
    }
  }
}

function remoteAddress(client: Client): string | undefined {
  return (client.conn as Partial<net.Socket>).remoteAddress
}

