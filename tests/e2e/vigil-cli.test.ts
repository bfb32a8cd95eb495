import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const VIGIL = ['--import', 'tsx', path.join('bin', 'vigil.ts')]

/** The `vigil` command as a user runs it: a child process, its output, its exit code. */
describe('the vigil command', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-cli-'))
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })
  const env = (extra: Record<string, string> = {}) => ({ ...process.env, DATA_DIR: dataDir, MQTT_PORT: '0', API_PORT: '0', LOG_LEVEL: 'warn', REDIS_URL: '', INFLUX_URL: '', ...extra })

  it('starts everything, prints the API and a token, and on Ctrl-C stops every process it started', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [...VIGIL, 'start', '--no-simulator'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] })
    const banner: string[] = []
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        banner.push(line)
        if (line.startsWith('Press Ctrl-C')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`vigil start exited early with ${code}: ${banner.join('\n')}`)))
    })
    const apiUrl = banner.map((line) => /^\s+API\s+(\S+)/.exec(line)?.[1]).find(Boolean) as string
    const token = banner.map((line) => /^\s+Token\s+(vgl_\S+)/.exec(line)?.[1]).find(Boolean) as string
    expect((await fetch(`${apiUrl}/readyz`)).status).toBe(200)
    expect((await fetch(`${apiUrl}/api/v1/equipment?type=pump`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    // The demo manager signs in with the printed password.
    const password = banner.map((line) => /^\s+Sign in\s+manager \/ (\S+)/.exec(line)?.[1]).find(Boolean) as string
    const session = await fetch(`${apiUrl}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password }) })
    expect(session.status).toBe(201)
    expect(((await session.json()) as { principal: unknown }).principal).toEqual({ name: 'Demo manager', role: 'manager' })

    const { stdout } = await run('ps', ['--ppid', String(child.pid), '-o', 'pid=,comm='])
    const servers = stdout
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'redis-server' || command === 'influxd')
      .map(([pid]) => Number(pid))
    expect(servers).toHaveLength(2)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    for (const pid of servers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/)
  })

  it('lists the fault kinds with example equipment', async () => {
    const { stdout } = await run(process.execPath, [...VIGIL, 'start', '--list-faults'], { env: env() })
    expect(stdout).toMatch(/bearing-overheat\s+pump/)
    expect(stdout).toContain('--fault bearing-overheat:hv-a-pump-1')
  })

  it('says in one line what is wrong with how it was called, and exits 2', async () => {
    const failure = (args: string[], extra: Record<string, string> = {}) =>
      run(process.execPath, [...VIGIL, ...args], { env: env(extra) }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr.trim() })
      )
    const badFault = await failure(['start', '--fault', 'melting:hv-a-pump-1'])
    expect(badFault.code).toBe(2)
    expect(badFault.stderr).toMatch(/^vigil: .*melting/)
    const badConfig = await failure(['start'], { MQTT_PORT: 'x', API_PORT: '99999' })
    expect(badConfig.code).toBe(2)
    expect(badConfig.stderr).toMatch(/MQTT_PORT=.*\n.*API_PORT=/)
    const noServices = await failure(['start', '--no-simulator'], { PATH: path.join(dataDir, 'empty') })
    expect(noServices.code).toBe(2)
    expect(noServices.stderr.split('\n')).toHaveLength(1)
    expect(noServices.stderr).toMatch(/^vigil: Vigil needs Redis and InfluxDB: set REDIS_URL and INFLUX_URL/)
  })
})
