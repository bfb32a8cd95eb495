import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import type { Aedes, Client } from 'aedes'
import { afterEach, describe, expect, it } from 'vitest'
import { orderReconnectDeliveries } from '../../../broker/ordered-reconnect.js'
import type { QueuedPacket, SessionQueuePersistence } from '../../../broker/persistence-decorator.js'
import { clientReady, memoryPersistence, startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { RawMqttClient } from '../../helpers/raw-mqtt-client.js'

/** A persistence whose queue is a plain array, recording the outgoingUpdate calls that reach it. */
function fakePersistence(queue: QueuedPacket[]): SessionQueuePersistence & { updates: string[] } {
  const updates: string[] = []
  return {
    updates,
    async setup() {},
    subscriptionsByClient: () => Promise.resolve([{ topic: 't', qos: 1 }]),
    cleanSubscriptions: () => Promise.resolve(),
    outgoingClearMessageId: () => Promise.resolve(undefined),
    outgoingStream: () => Readable.from([...queue]),
    outgoingUpdate(_client, packet) {
      updates.push(`${packet.brokerCounter}@${packet.messageId}${packet.dup === true ? ' dup' : ''}`)
      return Promise.resolve()
    }
  }
}

const publish = (brokerCounter: number, messageId?: number): QueuedPacket => ({ cmd: 'publish', topic: 't', qos: 1, brokerId: 'b', brokerCounter, messageId })

describe('orderReconnectDeliveries', () => {
  const setup = async (queue: QueuedPacket[]) => {
    const inner = fakePersistence(queue)
    const persistence = orderReconnectDeliveries(inner)
    const broker = new EventEmitter()
    await persistence.setup(broker as unknown as Aedes)
    const conn = new EventEmitter() as EventEmitter & { destroyed: boolean }
    conn.destroyed = false
    const client = { id: 'c', conn } as unknown as Client
    return { inner, persistence, broker, conn, client }
  }
  const settled = (promise: Promise<unknown>): (() => boolean) => {
    let done = false
    void promise.then(() => (done = true))
    return () => done
  }
  const drain = async (stream: AsyncIterable<unknown>): Promise<QueuedPacket[]> => {
    const packets: QueuedPacket[] = []
    for await (const packet of stream) packets.push(packet as QueuedPacket)
    return packets
  }

  it('holds a new delivery during the replay of a persistent session and lets it go after, in order [MQTT-4.6.0-6]', async () => {
    const { inner, persistence, broker, client } = await setup([publish(1), publish(2, 41)])
    await persistence.subscriptionsByClient(client)
    const live3 = persistence.outgoingUpdate(client, publish(3, 7))
    const live4 = persistence.outgoingUpdate(client, publish(4, 8))
    const live3Done = settled(live3)
    const replay = await drain(persistence.outgoingStream(client))
    expect(replay.map((packet) => packet.brokerCounter)).toEqual([1, 2])
    await persistence.outgoingUpdate(client, { ...publish(1), messageId: 42 })
    await persistence.outgoingUpdate(client, publish(2, 41))
    await new Promise((resolve) => setImmediate(resolve))
    expect(live3Done()).toBe(false)
    expect(inner.updates).toEqual(['1@42', '2@41'])

    broker.emit('clientReady', client)
    await Promise.all([live3, live4])
    expect(inner.updates).toEqual(['1@42', '2@41', '3@7', '4@8'])
    await persistence.outgoingUpdate(client, publish(5, 9))
    expect(inner.updates.at(-1)).toBe('5@9')
  })

  it('sends a held delivery that the replay already sent as a retransmission of it: same packet id, DUP 1', async () => {
    const { inner, persistence, broker, client } = await setup([publish(1)])
    await persistence.subscriptionsByClient(client)
    const live = publish(1, 7)
    const sent = persistence.outgoingUpdate(client, live)
    await drain(persistence.outgoingStream(client))
    await persistence.outgoingUpdate(client, publish(1, 42))
    broker.emit('clientReady', client)
    await sent
    expect(live).toMatchObject({ messageId: 42, dup: true })
    expect(inner.updates).toEqual(['1@42', '1@42 dup'])
  })

  it('lets a held delivery go when the connection closes, and holds nothing for a session that is not being replayed', async () => {
    const { inner, persistence, conn, client } = await setup([])
    await persistence.outgoingUpdate(client, publish(1, 1))
    await persistence.subscriptionsByClient(client)
    const held = persistence.outgoingUpdate(client, publish(2, 2))
    await persistence.outgoingUpdate(client, { cmd: 'pubrel', messageId: 3 })
    expect(inner.updates).toEqual(['1@1', 'undefined@3'])
    conn.emit('close')
    await held
    expect(inner.updates).toEqual(['1@1', 'undefined@3', '2@2'])
  })
})

describe('orderReconnectDeliveries as the aedes persistence', () => {
  let broker: BareAedes
  const clients: RawMqttClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()))
    await broker.close()
  })
  const connect = async (clientId: string, clean = true): Promise<RawMqttClient> => {
    const { client } = await RawMqttClient.connect(broker.port, { clientId, clean })
    clients.push(client)
    return client
  }
  const publishAll = async (publisher: RawMqttClient, from: number, to: number): Promise<void> => {
    for (let i = from; i < to; i++) publisher.publish('o/t', String(i), { qos: 1, messageId: i + 1 })
    for (let i = from; i < to; i++) await publisher.nextOf('puback')
  }

  it('delivers messages queued while away before those published during the reconnect [MQTT-4.6.0-6]', async () => {
    broker = await startBareAedes({ persistence: orderReconnectDeliveries(memoryPersistence()) })
    let subscriber = await connect('sub', false)
    await subscriber.subscribe([{ topic: 'o/t', qos: 1 }])
    await subscriber.disconnect()
    const publisher = await connect('pub')
    await publishAll(publisher, 0, 20)
    const replayed = clientReady(broker.aedes, 'sub')
    subscriber = await connect('sub', false)
    await publishAll(publisher, 20, 40)
    await replayed
    const seen: number[] = []
    while (seen.length < 40) {
      const message = await subscriber.nextPublish('o/t')
      subscriber.send({ cmd: 'puback', messageId: message.messageId as number })
      seen.push(Number(message.payload.toString()))
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i))
    await subscriber.ping()
    expect(subscriber.received.filter((packet) => packet.cmd === 'publish')).toEqual([])
  })
})
