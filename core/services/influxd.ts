import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pingInflux } from '../influx/influx-store.js'
import { freePort } from './free-port.js'
import { startManagedProcess } from './managed-process.js'
import type { RunningService } from './running-service.js'
import { waitUntil } from './wait-until.js'

/**
 * Starts InfluxDB 1.x `influxd` on free loopback ports with every directory inside `dir`, so
 * several can run side by side: the RPC port (8088 by default) is moved with the top-level
 * `bind-address`, usage reporting and the internal monitor store are off.
 */
export async function startInfluxd(binary: string, dir: string, ports: { httpPort?: number } = {}): Promise<RunningService> {
  await mkdir(dir, { recursive: true })
  let lastError: Error | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    const [httpPort, rpcPort] = [ports.httpPort ?? (await freePort()), await freePort()]
    const configFile = path.join(dir, 'influxdb.conf')
    await writeFile(configFile, influxdConfig(dir, httpPort, rpcPort))
    const server = startManagedProcess('influxd', binary, ['-config', configFile])
    const url = `http://127.0.0.1:${httpPort}`
    try {
      await waitUntil(async () => pingInflux(url, 1000).then(() => true, () => false), {
        timeoutMs: 30_000,
        intervalMs: 100,
        exited: server.exited,
        what: 'influxd to answer /ping'
      })
      return { url, pid: server.pid, stop: () => server.stop() }
    } catch (error) {
      lastError = new Error(`${(error as Error).message}\n${server.output()}`)
      await server.stop()
    }
  }
  throw lastError ?? new Error('influxd did not start')
}

export function influxdConfig(dir: string, httpPort: number, rpcPort: number): string {
  const q = (value: string): string => JSON.stringify(value)
  return `reporting-disabled = true
bind-address = ${q(`127.0.0.1:${rpcPort}`)}

[meta]
  dir = ${q(path.join(dir, 'meta'))}

[data]
  dir = ${q(path.join(dir, 'data'))}
  wal-dir = ${q(path.join(dir, 'wal'))}
  query-log-enabled = false

[http]
  enabled = true
  bind-address = ${q(`127.0.0.1:${httpPort}`)}
  log-enabled = false

[monitor]
  store-enabled = false

[logging]
  level = "warn"
`
}
