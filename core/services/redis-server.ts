import { mkdir } from 'node:fs/promises'
import net from 'node:net'
import { freePort } from './free-port.js'
import { startManagedProcess } from './managed-process.js'
import type { ManagedProcess } from './managed-process.js'
import type { RunningService } from './running-service.js'
import { waitUntil } from './wait-until.js'

/**
 * Starts `redis-server` on a free loopback port with its data in `dir`: AOF on (DESIGN.md: in every
 * profile we ship), no RDB snapshots, `noeviction` so BullMQ's keys are never evicted.
 */
export async function startRedisServer(binary: string, dir: string, ports: { port?: number } = {}): Promise<RunningService> {
  await mkdir(dir, { recursive: true })
  let lastError: Error | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = ports.port ?? (await freePort())
    const server = startManagedProcess('redis-server', binary, [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dir,
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--save', '',
      '--maxmemory-policy', 'noeviction',
      '--protected-mode', 'yes',
      '--daemonize', 'no',
      '--loglevel', 'warning'
    ])
    try {
      await waitUntil(() => redisAnswers(port), { timeoutMs: 15_000, intervalMs: 50, exited: server.exited, what: 'redis-server to answer PING' })
      return { url: `redis://127.0.0.1:${port}`, pid: server.pid, stop: () => server.stop() }
    } catch (error) {
      lastError = new Error(`${(error as Error).message}\n${server.output()}`)
      await server.stop()
    }
  }
  throw lastError ?? new Error('redis-server did not start')
}

async function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.setTimeout(1000)
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

export type { ManagedProcess }
