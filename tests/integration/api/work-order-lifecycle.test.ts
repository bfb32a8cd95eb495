import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { engineer, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const T0 = Date.parse('2026-11-30T08:00:00.000Z')

describe('the work-order lifecycle through the API, on real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let now = T0
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerTeam(new EngineerStore(redis.redis, redis.keys), ['eng-li', 'eng-wu', 'eng-chen', 'eng-zhao'].map((id) => engineer(id, PUMP.siteId)))
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.li = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    token.wu = await tokens.issue({ name: 'wu (engineer)', role: 'engineer', engineerId: 'eng-wu' })
    token.requester = await tokens.issue({ name: 'occupant', role: 'requester' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, autoDispatch: false, now: () => now }))
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token[who] ?? ''}` }, ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }
  const create = async (priority = 'urgent') => (await call('manager', 'POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Bearing noise', priority })).body as { id: string; version: number }

  it('walks a work order from open to closed, keeping every step in the audit trail', async () => {
    now = T0
    const { id } = await create()
    const step = async (who: string, action: string, payload: Record<string, unknown> = {}) => {
      now += 60_000
      const result = await call(who, 'POST', `/api/v1/work-orders/${id}/${action}`, payload)
      expect(result.status, `${who} ${action}: ${JSON.stringify(result.body)}`).toBe(200)
      return result.body
    }
    await step('manager', 'assign', { engineerId: 'eng-li' })
    expect(await step('li', 'accept')).toMatchObject({ status: 'accepted', responsibleEngineerId: 'eng-li', deadline: { state: 'met' } })
    await step('li', 'start', { note: 'on site' })
    expect((await call('li', 'POST', `/api/v1/work-orders/${id}/resolve`, { firstVisitFix: true, note: 'x' })).status).toBe(400)
    await step('li', 'resolve', { code: 'replaced_part', firstVisitFix: true, note: 'replaced the drive-end bearing' })
    expect(await step('manager', 'close')).toMatchObject({ status: 'closed', version: 6, resolution: { code: 'replaced_part', firstVisitFix: true } })

    const audit = (await call('manager', 'GET', `/api/v1/work-orders/${id}/audit`)).body.items as { by: string; action: string; from: string; to: string; note?: string }[]
    expect(audit.map((e) => `${e.by}: ${e.action} ${e.from}→${e.to}${e.note === undefined ? '' : ` (${e.note})`}`)).toEqual([
      'mei (manager): create open→open',
      'mei (manager): assign open→assigned (to eng-li)',
      'li (engineer): accept assigned→accepted',
      'li (engineer): start accepted→in_progress (on site)',
      'li (engineer): resolve in_progress→resolved (replaced_part, first visit; replaced the drive-end bearing)',
      'mei (manager): close resolved→closed'
    ])
  })

  it('refuses an illegal move with 409 listing what is allowed, and changes nothing', async () => {
    const { id } = await create()
    const refused = await call('manager', 'POST', `/api/v1/work-orders/${id}/start`, {})
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ allowedActions: ['assign', 'cancel'], detail: expect.stringContaining('it is open') as unknown })
    expect((await call('manager', 'GET', `/api/v1/work-orders/${id}`)).body).toMatchObject({ status: 'open', version: 1 })
    expect((await call('manager', 'GET', `/api/v1/work-orders/${id}/audit`)).body.items).toHaveLength(1)
  })

  it("keeps engineers to their own work: someone else's is 403 to change and 404 to read, and nothing changes", async () => {
    const { id } = await create()
    await call('manager', 'POST', `/api/v1/work-orders/${id}/assign`, { engineerId: 'eng-li' })
    const refused = await call('wu', 'POST', `/api/v1/work-orders/${id}/accept`, {})
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toMatch(/not assigned to you/)
    expect((await call('wu', 'GET', `/api/v1/work-orders/${id}`)).status).toBe(404)
    expect((await call('requester', 'POST', `/api/v1/work-orders/${id}/accept`, {})).status).toBe(403)
    const seen = await call('manager', 'GET', `/api/v1/work-orders/${id}`)
    expect(seen.body).toMatchObject({ status: 'assigned', assigneeId: 'eng-li', version: 2 })
    const wuList = ((await call('wu', 'GET', '/api/v1/work-orders?limit=1000')).body.items as { id: string }[]).map((wo) => wo.id)
    expect(wuList).not.toContain(id)
  })

  it('lets an engineer take unassigned work, and applies racing changes one over the other', async () => {
    const { id } = await create()
    expect((await call('wu', 'POST', `/api/v1/work-orders/${id}/assign`, { engineerId: 'eng-wu' })).status).toBe(200)
    const results = await Promise.all(['eng-li', 'eng-chen', 'eng-zhao'].map((engineerId) => call('manager', 'POST', `/api/v1/work-orders/${id}/assign`, { engineerId })))
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    const final = (await call('manager', 'GET', `/api/v1/work-orders/${id}`)).body
    expect(final.version).toBe(5)
    const audit = (await call('manager', 'GET', `/api/v1/work-orders/${id}/audit`)).body.items as { action: string }[]
    expect(audit.filter((e) => e.action === 'assign')).toHaveLength(4)
    // Two accepts racing: one is applied, the other finds it accepted already.
    const accepts = await Promise.all([0, 1].map(() => call('manager', 'POST', `/api/v1/work-orders/${id}/accept`, {})))
    expect(accepts.map((r) => r.status).sort()).toEqual([200, 409])
  })

  it('keeps progress notes in the audit trail, from the engineer on the job or a manager only', async () => {
    const { id } = await create()
    await call('manager', 'POST', `/api/v1/work-orders/${id}/assign`, { engineerId: 'eng-li' })
    const noted = await call('li', 'POST', `/api/v1/work-orders/${id}/notes`, { note: 'parts ordered' })
    expect(noted.body).toMatchObject({ status: 'assigned', version: 3 })
    expect((await call('wu', 'POST', `/api/v1/work-orders/${id}/notes`, { note: 'not mine' })).status).toBe(403)
    expect((await call('requester', 'POST', `/api/v1/work-orders/${id}/notes`, { note: 'hello' })).status).toBe(403)
    expect((await call('li', 'POST', `/api/v1/work-orders/${id}/notes`, { note: '' })).status).toBe(400)
    const audit = (await call('manager', 'GET', `/api/v1/work-orders/${id}/audit`)).body.items as { action: string; by: string; note?: string }[]
    expect(audit.filter((e) => e.action === 'note')).toEqual([{ at: expect.any(String) as unknown, by: 'li (engineer)', action: 'note', from: 'assigned', to: 'assigned', note: 'parts ordered' }])
  })

  it('shows each order\'s response deadline: pending, then missed once it passes unanswered', async () => {
    now = T0
    const { id } = await create('normal')
    expect((await call('manager', 'GET', `/api/v1/work-orders/${id}`)).body).toMatchObject({ deadline: { dueAt: '2026-11-30T10:00:00.000Z', state: 'pending' } })
    now = T0 + 2 * 3_600_000 + 1
    expect((await call('manager', 'GET', `/api/v1/work-orders/${id}`)).body).toMatchObject({ deadline: { state: 'missed' } })
  })
})
