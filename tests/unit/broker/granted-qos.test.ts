import type { AedesPublishPacket, Client } from 'aedes'
import { afterEach, describe, expect, it } from 'vitest'
import { forwardAtGrantedQos, grantedQos, topicMatchesFilter } from '../../../broker/granted-qos.js'
import { startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { RawMqttClient } from '../../helpers/raw-mqtt-client.js'

describe('topicMatchesFilter', () => {
  it.each([
    ['sites/+/devices/+/telemetry', 'sites/s1/devices/p1-gw/telemetry', true],
    ['sites/+/devices/+/telemetry', 'sites/s1/devices/p1-gw/status', false],
    ['sites/#', 'sites/s1/devices/p1-gw/telemetry', true],
    ['sites/#', 'sites', true],
    ['sites/+', 'sites', false],
    ['sites/+', 'sites/', true],
    ['#', 'sites/s1', true],
    ['#', '$SYS/broker', false],
    ['+/broker', '$SYS/broker', false],
    ['$SYS/#', '$SYS/broker', true],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false]
  ])('%s matches %s: %s', (filter, topic, matches) => {
    expect(topicMatchesFilter(filter, topic)).toBe(matches)
  })
})

describe('forwardAtGrantedQos', () => {
  // aedes keeps a client's subscriptions in a prototype-less object keyed by topic filter.
  const client = (subscriptions: Record<string, { qos: number }>): Client => ({ subscriptions: Object.assign(Object.create(null) as object, subscriptions) }) as unknown as Client
  const packet = (topic: string, qos: 0 | 1 | 2): AedesPublishPacket => {
    const message: AedesPublishPacket = { cmd: 'publish', topic, qos, payload: Buffer.from('x'), retain: false, dup: false, brokerId: 'b', brokerCounter: 1 }
    return message
  }

  it('lowers the QoS to the highest granted among the matching subscriptions [MQTT-3.8.4-6], [MQTT-3.3.5-1], in place', () => {
    const subscriber = client({ 'sites/+/devices/+/telemetry': { qos: 1 }, 'sites/#': { qos: 0 } })
    const message = packet('sites/s1/devices/p1-gw/telemetry', 2)
    expect(forwardAtGrantedQos(subscriber, message)).toBe(message)
    expect(message.qos).toBe(1)
    expect(forwardAtGrantedQos(subscriber, packet('sites/s1/devices/p1-gw/status', 2)).qos).toBe(0)
  })

  it('never raises it, and leaves a topic no subscription matches alone', () => {
    const subscriber = client({ 'a/+': { qos: 2 } })
    expect(forwardAtGrantedQos(subscriber, packet('a/b', 1)).qos).toBe(1)
    expect(forwardAtGrantedQos(subscriber, packet('b/c', 2)).qos).toBe(2)
    expect(grantedQos({}, 'a')).toBeUndefined()
  })
})

describe('forwardAtGrantedQos as aedes authorizeForward', () => {
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
  const publishQos2 = async (publisher: RawMqttClient, topic: string, messageId: number, retain = false): Promise<void> => {
    publisher.publish(topic, 'x', { qos: 2, messageId, retain })
    await publisher.nextOf('pubrec')
    publisher.send({ cmd: 'pubrel', messageId })
    await publisher.nextOf('pubcomp')
  }

  it('caps live, queued and retained messages at the granted QoS', async () => {
    broker = await startBareAedes({ authorizeForward: forwardAtGrantedQos })
    const publisher = await connect('pub')
    const live = await connect('live')
    await live.subscribe([{ topic: 'w/+', qos: 1 }])
    await publishQos2(publisher, 'w/x', 1)
    expect((await live.nextPublish('w/x')).qos).toBe(1)

    const away = await connect('away', false)
    await away.subscribe([{ topic: 'q/+', qos: 1 }])
    await away.disconnect()
    await publishQos2(publisher, 'q/x', 2)
    const back = await connect('away', false)
    expect((await back.nextPublish('q/x')).qos).toBe(1)

    await publishQos2(publisher, 'r/x', 3, true)
    const late = await connect('late')
    await late.subscribe([{ topic: 'r/+', qos: 0 }])
    expect(await late.nextPublish('r/x')).toMatchObject({ qos: 0, retain: true })
  })
})
