import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { describeConfig } from '../../../core/config/config.js'

const read = (file: string) => readFile(new URL(`../../../${file}`, import.meta.url), 'utf8')

describe('README and deployment files stay true to the code', () => {
  it('README documents every environment variable Vigil reads', async () => {
    const readme = await read('README.md')
    const missing = describeConfig().filter((v) => !readme.includes(`| \`${v.name}\` |`))
    expect(missing.map((v) => v.name)).toEqual([])
  })

  it('docker compose runs the split deployment, setting only variables Vigil reads', async () => {
    const compose = parse(await read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string> }> }
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['redis', 'influxdb', 'broker', 'ingest', 'rules', 'api', 'simulator']))
    const known = new Set(describeConfig().map((v) => v.name))
    for (const name of ['broker', 'ingest', 'rules', 'api', 'simulator']) {
      const service = compose.services[name]
      expect(service?.command?.[0]).toBe(name === 'simulator' ? 'simulate' : name)
      expect(Object.keys(service?.environment ?? {}).filter((key) => !known.has(key))).toEqual([])
    }
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']))
  })

  it('.ci/run installs the servers with apt-get and runs the README test command', async () => {
    const ci = await read('.ci/run')
    expect(ci).toMatch(/apt-get install[^\n]*\$\{missing\[@\]\}/)
    expect(ci).toContain('redis-server')
    expect(ci).toContain('influxdb')
    expect(ci).toContain('npm ci')
    expect(ci).toContain('npm test')
    expect(await read('README.md')).toContain('npm test')
  })
})
