import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { API_ROLES, ApiTokenStore, apiTokenId } from '../../../core/auth/api-tokens.js'
import type { ApiRole } from '../../../core/auth/api-tokens.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

/**
 * Fewer (route, role) pairs than this means routes went missing from the walk, not that the API
 * shrank: raise it as routes are added, never lower it to make the test pass.
 */
const MIN_REFUSED_PAIRS = 280

interface RoledRoute {
  method: HTTPMethods
  url: string
  roles: readonly ApiRole[]
  /** The first example of the body schema, if it has one: a request that would otherwise succeed. */
  body: unknown
}

/** Every method of every route that declares `config.roles`, as the app registers them. */
function roledRoutes(route: RouteOptions): RoledRoute[] {
  const roles = route.config?.roles
  if (roles === undefined) return []
  const schema = route.schema?.body as { examples?: unknown[] } | undefined
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  return methods.map((method) => ({ method, url: route.url, roles, body: schema?.examples?.[0] ?? {} }))
}

/** Every key of the test's prefix with its DUMP, rate-limit counters aside. */
async function redisSnapshot(redis: TestRedis): Promise<Map<string, string>> {
  const keys = (await redis.redis.keys(`${redis.keys.prefix}:*`)).filter((key) => !key.startsWith(redis.keys.rateLimitPrefix)).sort()
  const snapshot = new Map<string, string>()
  for (const key of keys) snapshot.set(key, (await redis.redis.dumpBuffer(key))?.toString('hex') ?? 'gone')
  return snapshot
}

describe('every role-restricted route refuses every other role, and changes nothing', () => {
  let redis: TestRedis
  let app: FastifyInstance
  const routes: RoledRoute[] = []
  const token = {} as Record<ApiRole, string>
  const fixtureIds = new Map<string, string>()

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await new EngineerStore(redis.redis, redis.keys).put({ id: 'eng-li', name: 'Li', contact: {}, skills: ['pump'], certificates: [], shifts: [], sites: [{ siteId: PUMP.siteId, supervisor: true }] })
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    for (const role of API_ROLES) token[role] = await tokens.issue({ name: `matrix-${role}`, role, ...(role === 'engineer' ? { engineerId: 'eng-li' } : {}) })
    app = await buildApp({
      ...(await testApiDeps(redis, { registry, tokens })),
      // Hundreds of requests from one address and token in a second: limits would answer 429, not 403.
      rateLimits: { perTokenPerMinute: 0, perAddressPerMinute: 0 },
      onRoute: (route) => routes.push(...roledRoutes(route))
    })
    const workOrder = await app.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { authorization: `Bearer ${token.admin}` }, payload: { equipmentId: PUMP.id, title: 'Bearing noise', priority: 'normal' } })
    expect(workOrder.statusCode, workOrder.body).toBe(201)
    const pump = await registry.getEquipment(PUMP.id)
    for (const [collection, id] of [
      ['sites', PUMP.siteId],
      ['buildings', PUMP.buildingId],
      ['equipment', PUMP.id],
      ['devices', `${PUMP.id}-gw`],
      ['engineers', 'eng-li'],
      ['tokens', apiTokenId(token.manager)],
      ['work-orders', workOrder.json<{ id: string }>().id],
      ['by-qr', pump?.qrCode ?? '']
    ] as const) {
      fixtureIds.set(collection, id)
    }
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  /** The route's path with each `:param` filled with the fixture of the collection it follows (`/sites/:id` → the site). */
  const pathOf = (url: string): string => {
    const segments = url.split('/')
    return segments.map((segment, i) => (segment.startsWith(':') ? encodeURIComponent(fixtureIds.get(segments[i - 1] ?? '') ?? PUMP.id) : segment)).join('/')
  }

  it('covers the registry, engineer and token routes among many', () => {
    const seen = new Set(routes.map((route) => `${route.method} ${route.url}`))
    for (const expected of ['POST /api/v1/sites', 'DELETE /api/v1/engineers/:id', 'POST /api/v1/tokens', 'DELETE /api/v1/tokens/:id', 'POST /api/v1/work-orders'])
      expect(seen, expected).toContain(expected)
  })

  it('answers 403 problem+json to each role not allowed, and leaves Redis as it was', async () => {
    const before = await redisSnapshot(redis)
    const failures: string[] = []
    let pairs = 0
    for (const route of routes) {
      for (const role of API_ROLES.filter((r) => !route.roles.includes(r))) {
        pairs++
        const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method)
        const response = await app.inject({
          method: route.method,
          url: pathOf(route.url),
          headers: { authorization: `Bearer ${token[role]}` },
          ...(hasBody ? { payload: route.body as Record<string, unknown> } : {})
        })
        const problem = /^application\/problem\+json/.test(String(response.headers['content-type']))
        if (response.statusCode !== 403 || !problem) failures.push(`${role} ${route.method} ${route.url}: ${response.statusCode} ${response.body.slice(0, 200)}`)
      }
    }
    console.log(`role matrix: ${pairs} (route, role) pairs refused over ${routes.length} role-restricted routes`)
    expect(failures).toEqual([])
    expect(pairs).toBeGreaterThanOrEqual(MIN_REFUSED_PAIRS)
    expect(await redisSnapshot(redis)).toEqual(before)
  })

  it('would see a change: an allowed role writing alters the snapshot', async () => {
    const before = await redisSnapshot(redis)
    const created = await app.inject({ method: 'POST', url: '/api/v1/sites', headers: { authorization: `Bearer ${token.admin}` }, payload: { id: 'matrix-check', name: 'Check', timezone: 'UTC' } })
    expect(created.statusCode).toBe(201)
    expect(await redisSnapshot(redis)).not.toEqual(before)
  })

  it('answers 401 to every role-restricted route without a token', async () => {
    const failures: string[] = []
    for (const route of routes) {
      const response = await app.inject({ method: route.method, url: pathOf(route.url) })
      if (response.statusCode !== 401) failures.push(`${route.method} ${route.url}: ${response.statusCode}`)
    }
    expect(failures).toEqual([])
    expect(routes.length).toBeGreaterThan(40)
  })
})
