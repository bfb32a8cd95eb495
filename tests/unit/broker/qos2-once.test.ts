import type { AedesOptions } from 'aedes'
import { afterEach, describe, expect, it } from 'vitest'
import { authorizeQos2Once } from '../../../broker/qos2-once.js'
import { startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { RawMqttClient } from '../../helpers/raw-mqtt-client.js'

describe('authorizeQos2Once as aedes authorizePublish', () => {
  let broker: BareAedes
  const clients: RawMqttClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()))
    await broker.close()
  })
  const start = async (): Promise<string[]> => {
    const authorized: string[] = []
    const authorizePublish: NonNullable<AedesOptions['authorizePublish']> = (_client, packet, done) => {
      authorized.push(`${packet.topic}#${packet.messageId ?? '-'}`)
      done(null)
    }
    broker = await startBareAedes({ authorizePublish: authorizeQos2Once(authorizePublish) })
    return authorized
  }
  const connect = async (clientId: string): Promise<RawMqttClient> => {
    const { client } = await RawMqttClient.connect(broker.port, { clientId, clean: false })
    clients.push(client)
    return client
  }

  it('authorizes a QoS 2 message once, however often it is sent before PUBREL [MQTT-4.3.3-2]', async () => {
    const authorized = await start()
    let device = await connect('d1')
    device.publish('t/2', 'x', { qos: 2, messageId: 7 })
    await device.nextOf('pubrec')
    device.publish('t/2', 'x', { qos: 2, messageId: 7, dup: true })
    await device.nextOf('pubrec')
    await device.destroy()
    device = await connect('d1')
    device.publish('t/2', 'x', { qos: 2, messageId: 7, dup: true })
    await device.nextOf('pubrec')
    device.send({ cmd: 'pubrel', messageId: 7 })
    await device.nextOf('pubcomp')
    expect(authorized).toEqual(['t/2#7'])
  })

  it('authorizes a new message that reuses the packet id after PUBCOMP, and every QoS 0 and 1 message', async () => {
    const authorized = await start()
    const device = await connect('d1')
    for (const payload of ['a', 'b']) {
      device.publish('t/2', payload, { qos: 2, messageId: 7 })
      await device.nextOf('pubrec')
      device.send({ cmd: 'pubrel', messageId: 7 })
      await device.nextOf('pubcomp')
    }
    device.publish('t/1', 'x', { qos: 1, messageId: 8 })
    await device.nextOf('puback')
    device.publish('t/1', 'x', { qos: 1, messageId: 8, dup: true })
    await device.nextOf('puback')
    expect(authorized).toEqual(['t/2#7', 't/2#7', 't/1#8', 't/1#8'])
  })
})
