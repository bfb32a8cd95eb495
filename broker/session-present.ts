import type { Duplex } from 'node:stream'
import type { Client, ConnectPacket } from 'aedes'

type WriteCallback = (error?: Error | null) => void

/**
 * The Session Present flag of CONNACK as MQTT 3.1.1 defines it [MQTT-3.2.2-2]: 1 when the
 * server already holds a session for the client id and the client asked to resume it
 * (CleanSession 0). aedes 1.2 sets it only when that session has subscriptions
 * (lib/handlers/connect.js, restoreSubs: `sessionPresent = !!subs`), so a device that publishes
 * with CleanSession 0 and subscribes to nothing is told on every reconnect that its session is
 * gone — and a client library that believes it drops its unacknowledged QoS 1/2 messages.
 *
 * This remembers the client ids that have a session (accepted with CleanSession 0 and not since
 * with CleanSession 1) for as long as aedes' in-memory persistence keeps sessions — the life of
 * the process — and raises the flag in the CONNACK aedes writes. It only ever raises it, so with
 * a persistence that outlives the process it can be wrong only the way aedes already is.
 */
export class SessionPresence {
  private readonly sessions = new Set<string>()

  /** Call from aedes' `preConnect` for every CONNECT, before `done`. */
  track(client: Client, packet: ConnectPacket): void {
    const clientId = packet.clientId
    const resumes = packet.clean === false && this.sessions.has(clientId)
    rewriteConnack(client.conn, (returnCode, sessionPresent) => {
      // [MQTT-3.2.2-4]: a refused connection reports no session, and changes none.
      if (returnCode !== 0) return false
      if (clientId !== '') {
        if (packet.clean === false) this.sessions.add(clientId)
        else this.sessions.delete(clientId)
      }
      return sessionPresent || resumes
    })
  }

  has(clientId: string): boolean {
    return this.sessions.has(clientId)
  }
}

/**
 * Holds back the first four bytes written to `conn` — aedes' first packet on a connection is its
 * CONNACK, written by mqtt-packet in four one-byte writes (type, length, flags, return code) — and
 * writes them at once with the session present bit set to `decide(returnCode, sessionPresent)`.
 * Anything that is not a 3.1.1 CONNACK passes through unchanged.
 */
export function rewriteConnack(conn: Duplex, decide: (returnCode: number, sessionPresent: boolean) => boolean): void {
  const patchedBefore = Object.prototype.hasOwnProperty.call(conn, 'write')
  const write = conn.write.bind(conn) as (chunk: Buffer, callback: WriteCallback) => boolean
  const head: Buffer[] = []
  const callbacks: WriteCallback[] = []
  let length = 0
  conn.write = function holdConnack(this: Duplex, chunk: unknown, encodingOrCallback?: unknown, maybeCallback?: unknown): boolean {
    const callback = (typeof encodingOrCallback === 'function' ? encodingOrCallback : maybeCallback) as WriteCallback | undefined
    const encoding = typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8'
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk as Uint8Array)
    head.push(bytes)
    length += bytes.length
    if (callback !== undefined) callbacks.push(callback)
    if (length < 4) return true
    if (patchedBefore) conn.write = write as Duplex['write']
    else Reflect.deleteProperty(conn, 'write')
    const packet = Buffer.concat(head)
    if (packet[0] === 0x20 && packet[1] === 0x02) {
      const flags = packet[2] as number
      packet[2] = decide(packet[3] as number, (flags & 0x01) === 1) ? flags | 0x01 : flags & ~0x01
    }
    const written = (error?: Error | null): void => {
      for (const done of callbacks) done(error)
    }
    return write(packet, written)
  } as Duplex['write']
}
