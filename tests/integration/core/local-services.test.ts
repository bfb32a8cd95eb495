import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pingInflux } from '../../../core/influx/influx-store.js'
import { ServicesUnavailableError, provideServices } from '../../../core/services/local-services.js'
import { waitUntil } from '../../../core/services/wait-until.js'

const answers = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url)
    const socket = net.connect(Number(port), hostname)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

describe('local services launcher', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-launcher-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('uses REDIS_URL and INFLUX_URL as given and starts nothing', async () => {
    const said: string[] = []
    const services = await provideServices({ redisUrl: 'redis://10.9.9.9:6379', influxUrl: 'http://10.9.9.9:8086', dataDir: dir, say: (line) => said.push(line) })
    expect(services).toMatchObject({ redisUrl: 'redis://10.9.9.9:6379', influxUrl: 'http://10.9.9.9:8086' })
    expect(said).toEqual([])
    await services.stop()
  })

  it('starts redis-server and influxd from the PATH on free loopback ports and stops them', async () => {
    const said: string[] = []
    const services = await provideServices({ dataDir: path.join(dir, 'a'), say: (line) => said.push(line) })
    expect(said.join('\n')).toMatch(/starting redis-server[\s\S]*starting influxd|starting influxd[\s\S]*starting redis-server/)
    expect(services.redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/)
    expect(services.influxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await answers(services.redisUrl)).toBe(true)
    expect(await pingInflux(services.influxUrl)).toMatch(/^1\./)
    await services.stop()
    expect(await answers(services.redisUrl)).toBe(false)
    expect(await answers(services.influxUrl)).toBe(false)
  })

  it('leaves no server behind when the process that started them is killed outright', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'fixtures', 'start-local-services.ts'), path.join(dir, 'b')], { stdio: ['ignore', 'pipe', 'inherit'] })
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)))
    })
    const { redisUrl, influxUrl } = JSON.parse(line) as { redisUrl: string; influxUrl: string }
    expect(await answers(redisUrl)).toBe(true)
    expect(await answers(influxUrl)).toBe(true)
    child.kill('SIGKILL')
    await waitUntil(async () => !(await answers(redisUrl)) && !(await answers(influxUrl)), { timeoutMs: 15_000, intervalMs: 100, what: 'orphaned servers to stop' })
  })

  it('says in one line how to get the services when there is no way to start them', async () => {
    const path0 = process.env.PATH
    process.env.PATH = path.join(dir, 'empty-path')
    try {
      const error = await provideServices({ dataDir: path.join(dir, 'c'), say: () => undefined }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ServicesUnavailableError)
      expect((error as Error).message).not.toContain('\n')
      expect((error as Error).message).toMatch(/REDIS_URL.*INFLUX_URL.*apt-get install redis-server influxdb.*docker compose up/)
    } finally {
      process.env.PATH = path0
    }
  })
})
