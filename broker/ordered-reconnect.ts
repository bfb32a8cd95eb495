import { Readable } from 'node:stream'
import type { Client } from 'aedes'
import { decoratePersistence, queueKey } from './persistence-decorator.js'
import type { QueuedPacket, SessionQueuePersistence } from './persistence-decorator.js'

interface Replay {
  /** The queued packets aedes has read to replay (by `brokerId:brokerCounter`), with the packet id each went out with. */
  readonly replayed: Map<string, number | undefined>
  /** New deliveries waiting for the replay to end, in arrival order. */
  readonly held: (() => void)[]
}

/**
 * Keeps messages on a topic in order when a persistent session reconnects [MQTT-4.6.0-6].
 *
 * aedes 1.2 restores the session's subscriptions before it replays the messages queued while
 * the client was away (lib/handlers/connect.js: restoreSubs … emptyQueue), so a message published
 * during the replay is written straight away and overtakes older queued ones — a device gets
 * "speed 60" before the "speed 50" that was sent first, and keeps 50.
 *
 * Every QoS 1/2 delivery to a persistent session passes through `outgoingUpdate` before aedes
 * writes it. From the start of a persistent reconnect (`subscriptionsByClient`) until aedes
 * reports the client ready (after the replay is written) or its connection closes, this holds the
 * new deliveries there and lets them go in arrival order; the replay's own packets pass. A new
 * delivery that was also in the replay (published in the instant between the two) goes out as a
 * retransmission of it: same packet id, DUP 1. QoS 0 deliveries are not held: ordering is per QoS.
 * The state is per process and per client id; a reconnect that fails half-way leaves its entry
 * until that id reconnects (a clean session never reaches `outgoingUpdate`).
 */
export function orderReconnectDeliveries<P extends object>(persistence: P): P {
  return decoratePersistence(persistence, orderedReplay)
}

function orderedReplay(persistence: SessionQueuePersistence): Partial<SessionQueuePersistence> {
  const replays = new Map<string, Replay>()

  const release = (clientId: string): void => {
    const replay = replays.get(clientId)
    if (replay === undefined) return
    replays.delete(clientId)
    for (const go of replay.held.splice(0)) go()
  }

  return {
    async setup(broker) {
      broker.on('clientReady', (client) => release(client.id))
      await persistence.setup(broker)
    },

    subscriptionsByClient(client) {
      release(client.id)
      replays.set(client.id, { replayed: new Map(), held: [] })
      return persistence.subscriptionsByClient(client)
    },

    outgoingStream(client) {
      const replay = replays.get(client.id)
      const queue = persistence.outgoingStream(client)
      return replay === undefined ? queue : Readable.from(recorded(queue, replay))
    },

    async outgoingUpdate(client, packet) {
      const replay = replays.get(client.id)
      if (replay === undefined || packet.cmd !== 'publish') return persistence.outgoingUpdate(client, packet)
      const key = queueKey(packet)
      if (replay.replayed.has(key)) {
        replay.replayed.set(key, packet.messageId)
        return persistence.outgoingUpdate(client, packet)
      }
      await held(client, replay)
      if (!replay.replayed.has(key)) return persistence.outgoingUpdate(client, packet)
      const replayedAs = replay.replayed.get(key)
      if (replayedAs !== undefined) {
        packet.messageId = replayedAs
        packet.dup = true
      }
      // It may be acknowledged and gone from the queue by now: a rejection would make aedes drop the client.
      return persistence.outgoingUpdate(client, packet).catch(() => undefined)
    }
  }
}

function held(client: Client, replay: Replay): Promise<void> {
  const conn = client.conn
  if (conn.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const go = (): void => {
      conn.off('close', go)
      resolve()
    }
    conn.once('close', go)
    replay.held.push(go)
  })
}

async function* recorded(queue: AsyncIterable<unknown>, replay: Replay): AsyncGenerator<QueuedPacket> {
  for await (const item of queue) {
    const packet = item as QueuedPacket
    if (packet.cmd === 'publish') replay.replayed.set(queueKey(packet), packet.messageId)
    yield packet
  }
}

