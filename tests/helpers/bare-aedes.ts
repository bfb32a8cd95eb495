import { createRequire } from 'node:module'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { Aedes } from 'aedes'
import type { AedesOptions } from 'aedes'

export interface BareAedes {
  aedes: Aedes
  port: number
  close(): Promise<void>
}

/**
 * aedes as broker/broker.ts creates it — `new Aedes(options)`, `listen()`, a TCP server handing it
 * every socket — without Vigil's logins and ACL, on a free port: for probing a protocol rule, or a
 * fix, without the ACL in the way.
 */
export async function startBareAedes(options: AedesOptions = {}): Promise<BareAedes> {
  const aedes = new Aedes(options)
  await aedes.listen()
  const server = net.createServer((socket) => aedes.handle(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    aedes,
    port: (server.address() as AddressInfo).port,
    async close() {
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), new Promise<void>((resolve) => aedes.close(() => resolve()))])
    }
  }
}

/**
 * Resolves when aedes has finished connecting `clientId`: for a persistent session that is after
 * it wrote the queued messages, so a PINGREQ round trip after this sees all of them.
 */
export function clientReady(aedes: Aedes, clientId: string): Promise<void> {
  return new Promise((resolve) => {
    const onReady = (client: { id: string }): void => {
      if (client.id !== clientId) return
      aedes.off('clientReady', onReady)
      resolve()
    }
    aedes.on('clientReady', onReady)
  })
}

/** aedes' default in-memory persistence, created explicitly (CommonJS: the export is the factory). */
export function memoryPersistence(): object {
  return (createRequire(import.meta.url)('aedes-persistence') as () => object)()
}
