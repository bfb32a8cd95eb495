import type { RunningService } from './running-service.js'

/**
 * Redis and InfluxDB in containers, through testcontainers, where a Docker (or compatible)
 * engine answers. Loaded lazily: most machines running Vigil never need it. Ryuk, testcontainers'
 * reaper, removes the containers if this process dies without stopping them.
 */
export async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers')
    await getContainerRuntimeClient()
    return true
  } catch {
    return false
  }
}

export async function startRedisContainer(): Promise<RunningService> {
  const { GenericContainer, Wait } = await import('testcontainers')
  const container = await new GenericContainer('redis:7-alpine')
    .withCommand(['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start()
  return {
    url: `redis://${container.getHost()}:${container.getMappedPort(6379)}`,
    stop: async () => {
      await container.stop()
    }
  }
}

export async function startInfluxContainer(): Promise<RunningService> {
  const { GenericContainer, Wait } = await import('testcontainers')
  const container = await new GenericContainer('influxdb:1.8')
    .withEnvironment({ INFLUXDB_REPORTING_DISABLED: 'true' })
    .withExposedPorts(8086)
    .withWaitStrategy(Wait.forHttp('/ping', 8086).forStatusCode(204))
    .start()
  return {
    url: `http://${container.getHost()}:${container.getMappedPort(8086)}`,
    stop: async () => {
      await container.stop()
    }
  }
}
