import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionPresence, rewriteConnack } from '../../../broker/session-present.js'
import { startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { RawMqttClient } from '../../helpers/raw-mqtt-client.js'

describe('rewriteConnack', () => {
  const written = (writes: Buffer[], decide: (returnCode: number, sessionPresent: boolean) => boolean): Buffer => {
    const conn = new PassThrough()
    rewriteConnack(conn, decide)
    for (const bytes of writes) conn.write(bytes)
    return conn.read() as Buffer
  }

  it('sets the session present bit of the CONNACK, written in one piece or byte by byte', () => {
    const bytes = [0x20, 0x02, 0x00, 0x00]
    expect([...written([Buffer.from(bytes)], () => true)]).toEqual([0x20, 0x02, 0x01, 0x00])
    expect([...written(bytes.map((b) => Buffer.from([b])), () => true)]).toEqual([0x20, 0x02, 0x01, 0x00])
    expect([...written([Buffer.from([0x20, 0x02, 0x01, 0x00])], () => false)]).toEqual([0x20, 0x02, 0x00, 0x00])
  })

  it('hands the decision the return code and the flag aedes chose, and passes later writes and anything else through', () => {
    const seen: [number, boolean][] = []
    const out = written([Buffer.from([0x20, 0x02, 0x01, 0x05]), Buffer.from([0xd0, 0x00])], (returnCode, present) => {
      seen.push([returnCode, present])
      return present
    })
    expect(seen).toEqual([[5, true]])
    expect([...out]).toEqual([0x20, 0x02, 0x01, 0x05, 0xd0, 0x00])
    expect([...written([Buffer.from([0x30, 0x03, 0x00, 0x01, 0x61])], () => true)]).toEqual([0x30, 0x03, 0x00, 0x01, 0x61])
  })
})

describe('SessionPresence with aedes', () => {
  let broker: BareAedes
  const clients: RawMqttClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()))
    await broker.close()
  })
  const start = async (login: (clientId: string) => boolean = () => true): Promise<SessionPresence> => {
    const sessions = new SessionPresence()
    broker = await startBareAedes({
      preConnect(client, packet, done) {
        sessions.track(client, packet)
        done(null, true)
      },
      authenticate: (client, _username, _password, done) => done(null, login(client.id))
    })
    return sessions
  }
  const sessionPresent = async (clientId: string, clean: boolean): Promise<{ returnCode: number | undefined; sessionPresent: boolean }> => {
    const { client, connack } = await RawMqttClient.connect(broker.port, { clientId, clean })
    clients.push(client)
    await client.disconnect()
    return { returnCode: connack.returnCode, sessionPresent: connack.sessionPresent }
  }

  it('reports a session without subscriptions as present [MQTT-3.2.2-2], and none after CleanSession 1 [MQTT-3.2.2-1]', async () => {
    await start()
    expect(await sessionPresent('d1', false)).toEqual({ returnCode: 0, sessionPresent: false })
    expect(await sessionPresent('d1', false)).toEqual({ returnCode: 0, sessionPresent: true })
    expect(await sessionPresent('d1', true)).toEqual({ returnCode: 0, sessionPresent: false })
    expect(await sessionPresent('d1', false)).toEqual({ returnCode: 0, sessionPresent: false })
    expect(await sessionPresent('d2', false)).toEqual({ returnCode: 0, sessionPresent: false })
  })

  it('neither reports nor creates a session for a refused connection [MQTT-3.2.2-4]', async () => {
    let allowed = false
    const sessions = await start(() => allowed)
    expect(await sessionPresent('d1', false)).toEqual({ returnCode: 5, sessionPresent: false })
    expect(sessions.has('d1')).toBe(false)
    allowed = true
    expect(await sessionPresent('d1', false)).toEqual({ returnCode: 0, sessionPresent: false })
    allowed = false
    expect(await sessionPresent('d1', false)).toEqual({ returnCode: 5, sessionPresent: false })
    expect(sessions.has('d1')).toBe(true)
  })
})
