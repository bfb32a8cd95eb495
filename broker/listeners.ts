import { readFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import type { Duplex } from 'node:stream'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { Logger } from '../core/logger.js'

export interface ListenerOptions {
  host: string
  port: number
  maxConnections: number
  tls?: { port: number; certFile: string; keyFile: string } | undefined
  wsPort?: number | undefined
}

export interface RunningListeners {
  /** The plain TCP port (the one `port: 0` resolved to). */
  port: number
  tlsPort: number | undefined
  wsPort: number | undefined
  close(): Promise<void>
}

/**
 * MQTT over TCP, and optionally over TLS and WebSocket (`/mqtt`), all handing connections to one
 * broker. `maxConnections` holds across the listeners: beyond it a connection is closed at once.
 */
export async function startListeners(
  options: ListenerOptions,
  handle: (stream: Duplex, remoteAddress: string | undefined) => void,
  onRefused: (why: string) => void,
  logger: Logger
): Promise<RunningListeners> {
  let open = 0
  const admit = (close: () => void): boolean => {
    if (open >= options.maxConnections) {
      onRefused('max_connections')
      close()
      return false
    }
    open++
    return true
  }
  const track = (stream: Duplex, remoteAddress: string | undefined): void => {
    stream.once('close', () => open--)
    handle(stream, remoteAddress)
  }
  const onSocket = (socket: net.Socket): void => {
    if (admit(() => socket.destroy())) track(socket, socket.remoteAddress)
  }

  const closers: (() => Promise<void>)[] = []
  const listen = async (server: net.Server, port: number): Promise<number> => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, options.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    return (server.address() as AddressInfo).port
  }

  const tcpPort = await listen(net.createServer(onSocket), options.port)
  logger.info({ host: options.host, port: tcpPort }, 'MQTT listening')

  let tlsPort: number | undefined
  if (options.tls !== undefined) {
    const [cert, key] = await Promise.all([readFile(options.tls.certFile), readFile(options.tls.keyFile)])
    tlsPort = await listen(tls.createServer({ cert, key, minVersion: 'TLSv1.2' }, onSocket), options.tls.port)
    logger.info({ host: options.host, port: tlsPort }, 'MQTT over TLS listening')
  }

  let wsPort: number | undefined
  if (options.wsPort !== undefined) {
    const server = http.createServer((_request, response) => response.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket: connect to /mqtt\n'))
    const wss = new WebSocketServer({ server, path: '/mqtt' })
    wss.on('connection', (socket, request) => {
      if (!admit(() => socket.terminate())) return
      track(createWebSocketStream(socket), request.socket.remoteAddress)
    })
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of wss.clients) client.terminate()
          wss.close(() => resolve())
        })
    )
    wsPort = await listen(server, options.wsPort)
    logger.info({ host: options.host, port: wsPort, path: '/mqtt' }, 'MQTT over WebSocket listening')
  }

  return {
    port: tcpPort,
    tlsPort,
    wsPort,
    async close() {
      await Promise.all(closers.map((close) => close()))
    }
  }
}
