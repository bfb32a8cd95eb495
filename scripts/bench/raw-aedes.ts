// The raw limit of the broker alone, for bench:ingest: a bare aedes (anyone may connect, no hooks)
// on a free loopback port. Prints the port on stdout, then runs until killed.
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { Aedes } from 'aedes'

const broker = await Aedes.createBroker()
const server = net.createServer((socket) => broker.handle(socket))
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
})
