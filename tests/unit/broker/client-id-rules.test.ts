import { afterEach, describe, expect, it } from 'vitest'
import { IDENTIFIER_REJECTED, clientIdRefusal, enforceClientIdRules } from '../../../broker/client-id-rules.js'
import type { ClientIdRules } from '../../../broker/client-id-rules.js'
import { startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { RawMqttClient, connectPacket, zeroLengthIdPersistentConnect } from '../../helpers/raw-mqtt-client.js'

describe('clientIdRefusal', () => {
  const vigil: ClientIdRules = { assignClientIds: false }
  const assigning: ClientIdRules = { assignClientIds: true }

  it('refuses a zero-length client id with CleanSession 0 with 0x02, whether or not ids are assigned [MQTT-3.1.3-8]', () => {
    expect(clientIdRefusal({ clientId: '', clean: false }, vigil)).toBe(IDENTIFIER_REJECTED)
    expect(clientIdRefusal({ clientId: '', clean: false }, assigning)).toBe(IDENTIFIER_REJECTED)
  })

  it('refuses a zero-length id with CleanSession 1 with 0x02 only when the broker assigns no ids [MQTT-3.1.3-6], [MQTT-3.1.3-9]', () => {
    expect(clientIdRefusal({ clientId: '', clean: true }, vigil)).toBe(IDENTIFIER_REJECTED)
    expect(clientIdRefusal({ clientId: '', clean: true }, assigning)).toBeUndefined()
  })

  it('leaves any other client id to the login', () => {
    expect(clientIdRefusal({ clientId: 'p1-gw', clean: false }, vigil)).toBeUndefined()
    expect(clientIdRefusal({ clientId: 'p1-gw', clean: true }, vigil)).toBeUndefined()
  })
})

describe('enforceClientIdRules in aedes preConnect', () => {
  let broker: BareAedes
  const clients: RawMqttClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()))
    await broker.close()
  })
  const start = async (rules: ClientIdRules): Promise<void> => {
    broker = await startBareAedes({ preConnect: (client, packet, done) => (enforceClientIdRules(client, packet, rules) ? done(null, false) : done(null, true)) })
  }
  const open = async (): Promise<RawMqttClient> => {
    const client = await RawMqttClient.open(broker.port)
    clients.push(client)
    return client
  }

  it('answers a zero-length id with CleanSession 0 with CONNACK 0x02 and closes the connection [MQTT-3.1.3-8]', async () => {
    await start({ assignClientIds: true })
    const client = await open()
    client.sendBytes(zeroLengthIdPersistentConnect())
    expect(await client.nextOf('connack')).toMatchObject({ returnCode: 2, sessionPresent: false })
    expect(await client.closedByServer()).toBe(true)
  })

  it('lets aedes assign an id for CleanSession 1 when told to, and refuses it with 0x02 when not', async () => {
    await start({ assignClientIds: true })
    const assigned = await open()
    assigned.send(connectPacket({ clientId: '', clean: true }))
    expect(await assigned.nextOf('connack')).toMatchObject({ returnCode: 0 })
    await broker.close()

    await start({ assignClientIds: false })
    const refused = await open()
    refused.send(connectPacket({ clientId: '', clean: true }))
    expect(await refused.nextOf('connack')).toMatchObject({ returnCode: 2 })
    expect(await refused.closedByServer()).toBe(true)
  })

  it('lets a client with an id through', async () => {
    await start({ assignClientIds: false })
    const client = await open()
    client.send(connectPacket({ clientId: 'p1-gw', clean: false }))
    expect(await client.nextOf('connack')).toMatchObject({ returnCode: 0 })
  })
})
