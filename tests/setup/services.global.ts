import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { provideServices } from '../../core/services/local-services.js'

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string
    influxUrl: string
  }
}

/**
 * Brings up Redis and InfluxDB for the test run the same way `npm start` does (REDIS_URL /
 * INFLUX_URL, else local binaries on free ports, else Docker, else apt-get), in a throwaway
 * directory that is removed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-test-'))
  const services = await provideServices({
    redisUrl: process.env.REDIS_URL,
    influxUrl: process.env.INFLUX_URL,
    dataDir,
    say: (line) => console.log(`[test services] ${line}`)
  })
  project.provide('redisUrl', services.redisUrl)
  project.provide('influxUrl', services.influxUrl)
  return async () => {
    await services.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
