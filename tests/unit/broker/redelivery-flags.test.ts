import { Readable } from 'node:stream'
import type { Client } from 'aedes'
import { afterEach, describe, expect, it } from 'vitest'
import type { QueuedPacket, SessionQueuePersistence } from '../../../broker/persistence-decorator.js'
import { markRedeliveries, redeliveryOf } from '../../../broker/redelivery-flags.js'
import { clientReady, memoryPersistence, startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { RawMqttClient } from '../../helpers/raw-mqtt-client.js'

const publish = (brokerCounter: number, messageId?: number): QueuedPacket => ({ cmd: 'publish', topic: 't', qos: 1, retain: true, dup: false, brokerId: 'b', brokerCounter, messageId })

describe('redeliveryOf', () => {
  it('sets DUP and the original packet id on a PUBLISH that went out before, and clears RETAIN on every queued PUBLISH', () => {
    expect(redeliveryOf(publish(1, 12), 7)).toEqual({ ...publish(1), messageId: 7, dup: true, retain: false })
    expect(redeliveryOf(publish(1), undefined)).toEqual({ ...publish(1), dup: false, retain: false })
  })

  it('leaves a PUBREL alone', () => {
    const pubrel = { cmd: 'pubrel', messageId: 4 }
    expect(redeliveryOf(pubrel, 4)).toBe(pubrel)
  })
})

describe('markRedeliveries', () => {
  /** One message shared by every queue, packet id and all, as aedes-persistence-redis keeps it. */
  const sharedQueue = (): SessionQueuePersistence => {
    const shared = publish(1)
    return {
      async setup() {},
      subscriptionsByClient: () => Promise.resolve([]),
      cleanSubscriptions: () => Promise.resolve(),
      outgoingStream: () => Readable.from([shared]),
      outgoingUpdate(_client, packet) {
        if (packet.cmd === 'publish') shared.messageId = packet.messageId
        return Promise.resolve()
      },
      outgoingClearMessageId: () => Promise.resolve(shared)
    }
  }
  const client = (id: string): Client => ({ id }) as unknown as Client
  const replayed = async (persistence: SessionQueuePersistence, clientId: string): Promise<QueuedPacket[]> => {
    const packets: QueuedPacket[] = []
    for await (const packet of persistence.outgoingStream({ id: clientId })) packets.push(packet as QueuedPacket)
    return packets
  }

  it('marks DUP only for the clients the message went out to, each with its own packet id, until it acknowledges it', async () => {
    const persistence = markRedeliveries(sharedQueue())
    await persistence.outgoingUpdate(client('a'), publish(1, 7))
    await persistence.outgoingUpdate(client('b'), publish(1, 9))
    expect((await replayed(persistence, 'a'))[0]).toMatchObject({ dup: true, retain: false, messageId: 7 })
    expect((await replayed(persistence, 'b'))[0]).toMatchObject({ dup: true, retain: false, messageId: 9 })
    expect((await replayed(persistence, 'c'))[0]).toMatchObject({ dup: false, retain: false })
    await persistence.outgoingClearMessageId(client('a'), { messageId: 7 })
    expect((await replayed(persistence, 'a'))[0]).toMatchObject({ dup: false })
  })

  it('forgets a QoS 2 PUBLISH once its PUBREL is queued, and a whole session on CleanSession 1', async () => {
    const persistence = markRedeliveries(sharedQueue())
    await persistence.outgoingUpdate(client('a'), publish(1, 7))
    await persistence.outgoingUpdate(client('a'), { cmd: 'pubrel', messageId: 7 })
    expect((await replayed(persistence, 'a'))[0]).toMatchObject({ dup: false })
    await persistence.outgoingUpdate(client('a'), publish(1, 8))
    await persistence.cleanSubscriptions({ id: 'a' })
    expect((await replayed(persistence, 'a'))[0]).toMatchObject({ dup: false })
  })

  it('refuses to have a decorated method patched afterwards', () => {
    const persistence = markRedeliveries(sharedQueue())
    expect(() => (persistence.outgoingClearMessageId = () => Promise.resolve(undefined))).toThrow(/patch the persistence before decorating it/)
  })
})

describe('markRedeliveries as the aedes persistence', () => {
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
  const resume = async (clientId: string): Promise<RawMqttClient> => {
    const replayed = clientReady(broker.aedes, clientId)
    const client = await connect(clientId, false)
    await replayed
    return client
  }

  it('replays a queued retained message with RETAIN 0 [MQTT-3.3.1-9] and an unacknowledged one with DUP 1 and its packet id [MQTT-4.4.0-1]', async () => {
    broker = await startBareAedes({ persistence: markRedeliveries(memoryPersistence()) })
    let subscriber = await connect('sub', false)
    await subscriber.subscribe([{ topic: 't/#', qos: 1 }])
    await subscriber.disconnect()
    const publisher = await connect('pub')
    publisher.publish('t/status', 'online', { qos: 1, messageId: 1, retain: true })
    await publisher.nextOf('puback')

    subscriber = await connect('sub', false)
    const first = await subscriber.nextPublish('t/status')
    expect(first).toMatchObject({ retain: false, dup: false, qos: 1 })
    await subscriber.destroy()

    subscriber = await resume('sub')
    const again = await subscriber.nextPublish('t/status')
    expect(again).toMatchObject({ retain: false, dup: true, qos: 1, messageId: first.messageId })
    subscriber.send({ cmd: 'puback', messageId: again.messageId as number })
    await subscriber.ping()
    await subscriber.destroy()

    subscriber = await resume('sub')
    await subscriber.ping()
    expect(subscriber.received.filter((packet) => packet.cmd === 'publish')).toEqual([])
  })

  it('still replays an unacknowledged PUBREL as a PUBREL [MQTT-4.4.0-1]', async () => {
    broker = await startBareAedes({ persistence: markRedeliveries(memoryPersistence()) })
    let subscriber = await connect('sub', false)
    await subscriber.subscribe([{ topic: 'q/2', qos: 2 }])
    const publisher = await connect('pub')
    publisher.publish('q/2', 'x', { qos: 2, messageId: 1 })
    await publisher.nextOf('pubrec')
    publisher.send({ cmd: 'pubrel', messageId: 1 })
    const delivered = await subscriber.nextPublish('q/2')
    subscriber.send({ cmd: 'pubrec', messageId: delivered.messageId as number })
    await subscriber.nextOf('pubrel')
    await subscriber.destroy()

    subscriber = await resume('sub')
    expect(await subscriber.nextOf('pubrel')).toMatchObject({ messageId: delivered.messageId })
    subscriber.send({ cmd: 'pubcomp', messageId: delivered.messageId as number })
    await subscriber.ping()
    await subscriber.destroy()
    subscriber = await resume('sub')
    await subscriber.ping()
    expect(subscriber.received.filter((packet) => packet.cmd === 'publish' || packet.cmd === 'pubrel')).toEqual([])
  })
})
