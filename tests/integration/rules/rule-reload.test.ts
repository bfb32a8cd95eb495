import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { DeadLetterStore } from '../../../core/dead-letters/dead-letter-store.js'
import { projectRoot } from '../../../core/project-root.js'
import { createRedis } from '../../../core/redis/redis-connection.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { startRuleReloader } from '../../../rules/rule-reloader.js'
import { RuleOverrideStore } from '../../../rules/rule-overrides.js'
import type { RuleSet } from '../../../rules/rule-set.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { redisUrl, testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

describe('rules reload without a restart: overrides through the API, edits of the files', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let token: string
  let dir: string
  let reloader: Awaited<ReturnType<typeof startRuleReloader>>
  let sets: RuleSet[]
  let nextSet: () => Promise<RuleSet>

  beforeAll(async () => {
    redis = testRedis()
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-rules-'))
    for (const name of ['pump.yaml', 'elevator.yaml', 'fire_system.yaml']) await copyFile(path.join(projectRoot(), 'rules', 'config', name), path.join(dir, name))
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token = await tokens.issue({ name: 'manager', role: 'manager' })
    app = await buildApp({ redis: redis.redis, keys: redis.keys, influx: await testInflux(), registry, alerts: new AlertStore(redis.redis, redis.keys), tokens, deadLetters: new DeadLetterStore(redis.redis, redis.keys, 10), logger: testLogger(), rulesDir: dir })
    sets = []
    let waiting: ((set: RuleSet) => void) | undefined
    nextSet = () => new Promise((resolve) => (waiting = resolve))
    reloader = await startRuleReloader({
      dir,
      overrides: new RuleOverrideStore(redis.redis, redis.keys),
      subscriber: createRedis(redisUrl(), 'reload-subscriber'),
      keys: redis.keys,
      debounceMs: 20,
      logger: testLogger(),
      onRules: (set) => {
        sets.push(set)
        waiting?.(set)
      }
    })
  })
  afterAll(async () => {
    await reloader.close()
    await app.close()
    await redis.close()
    await rm(dir, { recursive: true, force: true })
  })

  const send = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) })

  it('refuses an override that does not fit, naming the field', async () => {
    const bad = await send('PUT', `/api/v1/equipment/${PUMP.id}/rules/bearing-overheat/override`, { fields: { above: 'very hot' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ errors: [{ field: 'body.fields.above', message: 'expected a number, got "very hot"' }] })
    expect((await send('PUT', `/api/v1/equipment/${PUMP.id}/rules/no-such-rule/override`, { enabled: false })).statusCode).toBe(404)
    expect((await send('PUT', `/api/v1/equipment/nope/rules/bearing-overheat/override`, { enabled: false })).statusCode).toBe(404)
  })

  it('applies an override through the API to the running engines, and takes it back', async () => {
    const reloaded = nextSet()
    const put = await send('PUT', `/api/v1/equipment/${PUMP.id}/rules/bearing-overheat/override`, { fields: { above: 85, forSeconds: 30 } })
    expect(put.statusCode).toBe(200)
    expect(put.json()).toMatchObject({ id: 'bearing-overheat', enabled: true, params: { above: 85, forMs: 30_000 }, override: { fields: { above: 85, forSeconds: 30 } } })
    const set = await reloaded
    expect(set.perEquipment.get(PUMP.id)?.find((rule) => rule.id === 'bearing-overheat')?.params).toMatchObject({ above: 85, forMs: 30_000 })
    const listed = (await send('GET', `/api/v1/equipment/${PUMP.id}/rules`)).json<{ items: { id: string; enabled: boolean }[] }>()
    expect(listed.items.length).toBeGreaterThan(3)

    const back = nextSet()
    expect((await send('DELETE', `/api/v1/equipment/${PUMP.id}/rules/bearing-overheat/override`)).statusCode).toBe(204)
    expect((await back).perEquipment.has(PUMP.id)).toBe(false)
  })

  it('reloads when a rule file changes, and keeps the rules in force when the new file has a mistake', async () => {
    const file = path.join(dir, 'pump.yaml')
    const text = await readFile(file, 'utf8')
    const edited = nextSet()
    await writeAtomically(file, text.replace(/title: Pump bearing overheating/, 'title: Bearing too hot'))
    expect((await edited).book.get('pump')?.find((rule) => rule.id === 'bearing-overheat')?.title).toBe('Bearing too hot')

    await writeAtomically(file, text.replace(/title: Pump bearing overheating/, 'title: Bearing too hot').replace(/severity: critical/, 'severity: apocalyptic'))
    await reloader.reload() // queued behind any reload the watcher started
    // No rule set was made from the broken file: what is in force is the last good one.
    expect(sets.every((set) => set.book.get('pump')?.every((rule) => (rule.severity as string) !== 'apocalyptic'))).toBe(true)
    expect(sets.at(-1)?.book.get('pump')?.find((rule) => rule.id === 'bearing-overheat')?.title).toBe('Bearing too hot')
  })
})

/** As editors and deploy tools save: a whole new file renamed over the old, so no reader sees half of it. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`
  await writeFile(temporary, text)
  await rename(temporary, file)
}
