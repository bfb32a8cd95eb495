import { access, constants } from 'node:fs/promises'
import path from 'node:path'
import { aptInstall, canInstallWithApt } from './apt-install.js'
import { dockerAvailable, startInfluxContainer, startRedisContainer } from './docker-services.js'
import { startInfluxd } from './influxd.js'
import { startRedisServer } from './redis-server.js'
import type { RunningService } from './running-service.js'

export interface ServicesRequest {
  /** From REDIS_URL: used as is, nothing started. */
  redisUrl?: string | undefined
  /** From INFLUX_URL: used as is, nothing started. */
  influxUrl?: string | undefined
  /** Data of servers we start goes under `dataDir/redis` and `dataDir/influxdb`. */
  dataDir: string
  /** Progress for the user ("starting redis-server ..."). */
  say: (line: string) => void
  /** Skip InfluxDB for a command that only needs Redis (`vigil token`). */
  redisOnly?: boolean
}

export interface LocalServices {
  redisUrl: string
  influxUrl: string
  /** Process ids of the servers started here, for measurements. */
  pids: { redis?: number | undefined; influx?: number | undefined }
  /** Stops what was started here, InfluxDB and Redis in parallel; leaves external services alone. */
  stop(): Promise<void>
}

export const HOW_TO_GET_SERVICES =
  'Vigil needs Redis and InfluxDB: set REDIS_URL and INFLUX_URL, or install redis-server and influxdb (Debian/Ubuntu: sudo apt-get install redis-server influxdb), or run `docker compose up`.'

/** Thrown when no way to get a service is left; its message is the one line to show. */
export class ServicesUnavailableError extends Error {
  constructor() {
    super(HOW_TO_GET_SERVICES)
    this.name = 'ServicesUnavailableError'
  }
}

type Kind = 'redis' | 'influx'
const BINARY: Readonly<Record<Kind, string>> = { redis: 'redis-server', influx: 'influxd' }
const APT_PACKAGE: Readonly<Record<Kind, string>> = { redis: 'redis-server', influx: 'influxdb' }

/**
 * Finds Redis and InfluxDB the way DESIGN.md says: the URL from the environment; else the server
 * binary on the PATH, started on a free port; else a container where Docker answers; else, as root
 * on Debian or Ubuntu, apt-get installs the binaries first (and says so); else ServicesUnavailableError.
 */
export async function provideServices(request: ServicesRequest): Promise<LocalServices> {
  const started: RunningService[] = []
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(started.map((service) => service.stop()))
  }
  try {
    const wanted: Kind[] = []
    if (request.redisUrl === undefined) wanted.push('redis')
    if (request.influxUrl === undefined && request.redisOnly !== true) wanted.push('influx')

    const binaries = new Map<Kind, string>()
    for (const kind of wanted) {
      const found = await findOnPath(BINARY[kind])
      if (found !== undefined) binaries.set(kind, found)
    }
    let missing = wanted.filter((kind) => !binaries.has(kind))
    const useDocker = missing.length > 0 && (await dockerAvailable())
    if (missing.length > 0 && !useDocker && (await canInstallWithApt(findOnPath))) {
      const packages = missing.map((kind) => APT_PACKAGE[kind])
      request.say(`${missing.map((kind) => BINARY[kind]).join(' and ')} not found: installing ${packages.join(' ')} with apt-get`)
      await aptInstall(packages)
      for (const kind of missing) {
        const found = await findOnPath(BINARY[kind])
        if (found !== undefined) binaries.set(kind, found)
      }
      missing = wanted.filter((kind) => !binaries.has(kind))
    }
    if (missing.length > 0 && !useDocker) throw new ServicesUnavailableError()

    const pids: LocalServices['pids'] = {}
    const start = async (kind: Kind): Promise<string> => {
      const binary = binaries.get(kind)
      let service: RunningService
      if (binary !== undefined) {
        request.say(`starting ${BINARY[kind]} (data in ${path.join(request.dataDir, kind === 'redis' ? 'redis' : 'influxdb')})`)
        service = kind === 'redis' ? await startRedisServer(binary, path.join(request.dataDir, 'redis')) : await startInfluxd(binary, path.join(request.dataDir, 'influxdb'))
      } else {
        request.say(`starting ${kind === 'redis' ? 'Redis' : 'InfluxDB'} in a container`)
        service = kind === 'redis' ? await startRedisContainer() : await startInfluxContainer()
      }
      started.push(service)
      pids[kind] = service.pid
      return service.url
    }
    const [redisUrl, influxUrl] = await Promise.all([
      request.redisUrl !== undefined ? Promise.resolve(request.redisUrl) : start('redis'),
      request.influxUrl !== undefined || request.redisOnly === true ? Promise.resolve(request.influxUrl ?? '') : start('influx')
    ])
    return { redisUrl, influxUrl, pids, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}

/** The first executable named `name` in the PATH's folders. */
export async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue
    const candidate = path.join(dir, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}
