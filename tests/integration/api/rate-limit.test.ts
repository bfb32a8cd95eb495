import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { PROBLEM_TYPES } from '../../../api/problem.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const LIMIT = 3

describe('API rate limits, counted in real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let tokens: ApiTokenStore

  beforeAll(async () => {
    redis = testRedis()
    tokens = new ApiTokenStore(redis.redis, redis.keys)
    app = await buildApp({
      ...(await testApiDeps(redis, { tokens })),
      rateLimits: { perTokenPerMinute: LIMIT, perAddressPerMinute: LIMIT }
    })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const statuses = async (times: number, request: () => Promise<{ statusCode: number }>): Promise<number[]> => {
    const seen: number[] = []
    // One after the other: the count is what is being tested.
    for (let i = 0; i < times; i++) seen.push((await request()).statusCode)
    return seen
  }
  const get = (url: string, token?: string) => app.inject({ url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })

  it('answers the request over the limit with 429 problem+json and Retry-After, per token', async () => {
    const token = await tokens.issue({ name: 'busy dashboard', role: 'manager' })
    expect(await statuses(LIMIT, () => get('/api/v1/sites', token))).toEqual([200, 200, 200])
    const refused = await get('/api/v1/sites', token)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    const retryAfter = Number(refused.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(refused.json()).toMatchObject({ type: PROBLEM_TYPES.tooManyRequests, status: 429, detail: expect.stringContaining(`${LIMIT} requests a minute`) as unknown })

    const other = await tokens.issue({ name: 'another dashboard', role: 'manager' })
    expect((await get('/api/v1/sites', other)).statusCode).toBe(200)
  })

  it('never limits a service token (the rules engine opening work orders)', async () => {
    const service = await tokens.issue({ name: 'rules engine', role: 'service' })
    expect(await statuses(LIMIT * 3, () => get('/api/v1/sites', service))).toEqual(Array<number>(LIMIT * 3).fill(200))
  })

  it('never limits /healthz', async () => {
    expect(await statuses(LIMIT * 3, () => get('/healthz'))).toEqual(Array<number>(LIMIT * 3).fill(200))
  })

  it('limits routes that take no token per client address', async () => {
    const seen = await statuses(LIMIT + 1, () => get('/docs/json'))
    expect(seen).toEqual([200, 200, 200, 429])
  })
})

describe('the client address behind reverse proxies', () => {
  it('counts by the X-Forwarded-For address only when told how many proxies are in front', async () => {
    const redis = testRedis()
    const limits = { perTokenPerMinute: 0, perAddressPerMinute: 1 }
    const direct = await buildApp({ ...(await testApiDeps(redis)), rateLimits: limits })
    const proxied = await buildApp({ ...(await testApiDeps(redis, { keys: { ...redis.keys, prefix: `${redis.keys.prefix}-proxied` } })), rateLimits: limits, trustedProxyHops: 1 })
    const from = (app: FastifyInstance, client: string) => app.inject({ url: '/docs/json', headers: { 'x-forwarded-for': client } })
    try {
      // Without trust, a forged header changes nothing: both requests are the proxy's.
      expect([(await from(direct, '203.0.113.1')).statusCode, (await from(direct, '203.0.113.2')).statusCode]).toEqual([200, 429])
      // With one trusted hop, each client has its own count.
      expect([(await from(proxied, '203.0.113.1')).statusCode, (await from(proxied, '203.0.113.2')).statusCode, (await from(proxied, '203.0.113.1')).statusCode]).toEqual([200, 200, 429])
    } finally {
      await direct.close()
      await proxied.close()
      await redis.close()
    }
  })
})
