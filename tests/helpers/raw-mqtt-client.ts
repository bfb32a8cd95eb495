import net from 'node:net'
import mqttPacket from 'mqtt-packet'
import type { IConnackPacket, IConnectPacket, IPublishPacket, ISubackPacket, ISubscription, Packet } from 'mqtt-packet'

/**
 * An MQTT 3.1.1 client that sends exactly the packets it is given (mqtt-packet over a plain
 * socket) and keeps what the server sends, for probing protocol rules mqtt.js would hide:
 * a second CONNECT, a duplicate QoS 2 PUBLISH, the DUP and RETAIN flags as they arrive.
 */
export class RawMqttClient {
  /** Packets received and not yet taken by next(). */
  readonly received: Packet[] = []
  private readonly waiters = new Set<() => void>()
  private closedBy: 'server' | 'us' | undefined
  private readonly closeWaiters = new Set<() => void>()

  private constructor(private readonly socket: net.Socket) {
    const parser = mqttPacket.parser()
    parser.on('packet', (packet: Packet) => {
      this.received.push(packet)
      for (const wake of [...this.waiters]) wake()
    })
    socket.on('data', (chunk: Buffer) => parser.parse(chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      this.closedBy ??= 'server'
      for (const wake of [...this.closeWaiters]) wake()
      for (const wake of [...this.waiters]) wake()
    })
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawMqttClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => {
        socket.off('error', reject)
        resolve(new RawMqttClient(socket))
      })
      socket.once('error', reject)
    })
  }

  /** Opens a connection, sends CONNECT and waits for CONNACK. */
  static async connect(port: number, options: Partial<IConnectPacket> = {}): Promise<{ client: RawMqttClient; connack: IConnackPacket }> {
    const client = await RawMqttClient.open(port)
    client.send(connectPacket(options))
    return { client, connack: await client.nextOf('connack') }
  }

  send(packet: Packet): void {
    this.socket.write(mqttPacket.generate(packet))
  }

  sendBytes(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  publish(topic: string, payload: string, options: { qos: 0 | 1 | 2; messageId?: number; retain?: boolean; dup?: boolean }): void {
    this.send({ cmd: 'publish', topic, payload, qos: options.qos, messageId: options.messageId, retain: options.retain ?? false, dup: options.dup ?? false })
  }

  async subscribe(subscriptions: ISubscription[], messageId = 1): Promise<number[]> {
    this.send({ cmd: 'subscribe', messageId, subscriptions })
    const suback = await this.next((packet): packet is ISubackPacket => packet.cmd === 'suback' && packet.messageId === messageId)
    return suback.granted as number[]
  }

  /** Takes the first received packet that matches, waiting for it (rejects after timeoutMs or on close). */
  next<T extends Packet = Packet>(match: (packet: Packet) => packet is T, timeoutMs?: number): Promise<T>
  next(match?: (packet: Packet) => boolean, timeoutMs?: number): Promise<Packet>
  next(match: (packet: Packet) => boolean = () => true, timeoutMs = 2000): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const index = this.received.findIndex(match)
        if (index >= 0) {
          finish()
          resolve(this.received.splice(index, 1)[0] as Packet)
        } else if (this.closedBy !== undefined) {
          finish()
          reject(new Error(`connection closed before the packet came (received: ${this.received.map((p) => p.cmd).join(', ') || 'nothing'})`))
        }
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`no matching packet within ${timeoutMs} ms (received: ${this.received.map((p) => p.cmd).join(', ') || 'nothing'})`))
      }, timeoutMs)
      const finish = (): void => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }
      this.waiters.add(check)
      check()
    })
  }

  nextOf<C extends Packet['cmd']>(cmd: C, timeoutMs?: number): Promise<Extract<Packet, { cmd: C }>> {
    return this.next((packet): packet is Extract<Packet, { cmd: C }> => packet.cmd === cmd, timeoutMs)
  }

  nextPublish(topic?: string, timeoutMs?: number): Promise<IPublishPacket> {
    return this.next((packet): packet is IPublishPacket => packet.cmd === 'publish' && (topic === undefined || packet.topic === topic), timeoutMs)
  }

  /** A PINGREQ round trip: everything the server sent before its PINGRESP has arrived. */
  async ping(): Promise<void> {
    this.send({ cmd: 'pingreq' })
    await this.nextOf('pingresp')
  }

  /** Resolves true once the server has closed the connection, false if it is still open after timeoutMs. */
  closedByServer(timeoutMs = 2000): Promise<boolean> {
    if (this.closedBy !== undefined) return Promise.resolve(this.closedBy === 'server')
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.closeWaiters.delete(done)
        resolve(this.closedBy === 'server')
      }
      const timer = setTimeout(() => {
        this.closeWaiters.delete(done)
        resolve(false)
      }, timeoutMs)
      this.closeWaiters.add(done)
    })
  }

  /** Drops the connection without DISCONNECT, as a device losing its network does. */
  async destroy(): Promise<void> {
    if (this.closedBy !== undefined) return
    this.closedBy = 'us'
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()))
    this.socket.destroy()
    await closed
  }

  /** Sends DISCONNECT and waits for the server to close the connection. */
  async disconnect(): Promise<void> {
    if (this.closedBy !== undefined) return
    this.send({ cmd: 'disconnect' })
    await this.closedByServer()
  }
}

export function connectPacket(options: Partial<IConnectPacket> = {}): IConnectPacket {
  return { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 60, clientId: '', ...options }
}

/**
 * A CONNECT with a zero-length client id and CleanSession 0. mqtt-packet refuses to generate one
 * (as a client must not send it), so this generates it with CleanSession 1 and clears the flag.
 */
export function zeroLengthIdPersistentConnect(options: Partial<IConnectPacket> = {}): Buffer {
  const bytes = Buffer.from(mqttPacket.generate(connectPacket({ ...options, clientId: '', clean: true })))
  // Fixed header (1 byte + remaining length), protocol name (2 + 4), level (1), then the flags.
  let lengthBytes = 1
  while (((bytes[lengthBytes] as number) & 0x80) !== 0) lengthBytes++
  const flagsAt = 1 + lengthBytes + 6 + 1
  bytes[flagsAt] = (bytes[flagsAt] as number) & ~0x02
  return bytes
}
