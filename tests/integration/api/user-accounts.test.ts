import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { PROBLEM_TYPES } from '../../../api/problem.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const NOW = Date.parse('2026-11-30T08:00:00.000Z')
const PASSWORDS = { mei: 'pump-room-lantern-42', ana: 'night-shift-ladder-7', next: 'boiler-house-kettle-9' }

describe('sign-in with a username and password, and the accounts admins keep, on real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let admin: string

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await new EngineerStore(redis.redis, redis.keys).put({ id: 'ana-li', name: 'Ana Li', contact: {}, skills: ['pump'], certificates: [], shifts: [], sites: [{ siteId: PUMP.siteId, supervisor: false }] })
    const tokens = new ApiTokenStore(redis.redis, redis.keys, () => NOW)
    admin = await tokens.issue({ name: 'vigil-admin', role: 'admin' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, now: () => NOW }))
    for (const account of [
      { username: 'mei.chen', name: 'Mei Chen', role: 'manager', password: PASSWORDS.mei },
      { username: 'ana.li', name: 'Ana Li', role: 'engineer', engineerId: 'ana-li', password: PASSWORDS.ana }
    ]) {
      const created = await asAdmin('POST', '/api/v1/users', account)
      expect(created.statusCode, created.body).toBe(201)
    }
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const asAdmin = (method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(payload === undefined ? {} : { payload }) })
  const signIn = (username: string, password: string, remoteAddress = '198.51.100.7') => app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { username, password }, remoteAddress })
  const me = (token: string) => app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
  const tokenOf = (response: { json: <T>() => T }) => response.json<{ token: string }>().token

  it('gives the right password a 12-hour token for the account, which works on /api/v1/me with its role', async () => {
    const response = await signIn('Mei.Chen', PASSWORDS.mei)
    expect(response.statusCode, response.body).toBe(201)
    expect(response.headers['cache-control']).toBe('no-store')
    const session = response.json<{ token: string; expiresAt: string; principal: unknown }>()
    expect(session.token).toMatch(/^vgl_/)
    expect(session.expiresAt).toBe(new Date(NOW + 12 * 3_600_000).toISOString())
    expect(session.principal).toEqual({ name: 'Mei Chen', role: 'manager' })
    expect((await me(session.token)).json()).toEqual({ name: 'Mei Chen', role: 'manager' })
    // An ordinary API token: admins see it in the list, made by sign-in, and may revoke it.
    const listed = (await asAdmin('GET', '/api/v1/tokens')).json<{ items: { name: string; createdBy?: string; expiresAt?: string }[] }>().items
    expect(listed).toContainEqual(expect.objectContaining({ name: 'Mei Chen', createdBy: 'sign-in', expiresAt: session.expiresAt }))
  })

  it("signs an engineer in as their engineer, whose work orders are theirs", async () => {
    const response = await signIn('ana.li', PASSWORDS.ana)
    expect(response.statusCode, response.body).toBe(201)
    expect((await me(tokenOf(response))).json()).toEqual({ name: 'Ana Li', role: 'engineer', engineerId: 'ana-li' })
  })

  it('answers a wrong password and an unknown username with the very same 401', async () => {
    const wrongPassword = await signIn('mei.chen', 'not-the-password', '198.51.100.20')
    const unknownUser = await signIn('nobody', 'not-the-password', '198.51.100.20')
    const malformedUser = await signIn('No Such User!', 'not-the-password', '198.51.100.20')
    for (const response of [wrongPassword, unknownUser, malformedUser]) {
      expect(response.statusCode).toBe(401)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(response.body).toBe(wrongPassword.body)
    }
    expect(wrongPassword.json()).toMatchObject({ type: PROBLEM_TYPES.unauthorized, detail: 'the username or password is not right' })
  })

  it('refuses the 11th attempt for a username from one address with 429 and Retry-After, right password or not; other addresses still sign in', async () => {
    const address = '203.0.113.50'
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await signIn('mei.chen', `guess-${i}`, address)).statusCode)
    expect(statuses).toEqual(Array<number>(10).fill(401))
    const refused = await signIn('mei.chen', PASSWORDS.mei, address)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
    expect(refused.json()).toMatchObject({ type: PROBLEM_TYPES.tooManyRequests, status: 429 })
    // The same username from elsewhere, and another username from this address, are counted apart.
    expect((await signIn('mei.chen', PASSWORDS.mei, '203.0.113.51')).statusCode).toBe(201)
    expect((await signIn('ana.li', PASSWORDS.ana, address)).statusCode).toBe(201)
  })

  it('forgets failed attempts once the right password is given', async () => {
    const address = '203.0.113.60'
    for (let i = 0; i < 9; i++) expect((await signIn('ana.li', `guess-${i}`, address)).statusCode).toBe(401)
    expect((await signIn('ana.li', PASSWORDS.ana, address)).statusCode).toBe(201)
    for (let i = 0; i < 9; i++) expect((await signIn('ana.li', `guess-${i}`, address)).statusCode).toBe(401)
    expect((await signIn('ana.li', PASSWORDS.ana, address)).statusCode).toBe(201)
  })

  it('signs out: the token of DELETE /api/v1/sessions/current answers 401 from then on', async () => {
    const token = tokenOf(await signIn('mei.chen', PASSWORDS.mei))
    expect((await me(token)).statusCode).toBe(200)
    const out = await app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: { authorization: `Bearer ${token}` } })
    expect(out.statusCode).toBe(204)
    expect((await me(token)).statusCode).toBe(401)
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
  })

  it('lists accounts without any password or hash, and refuses bad ones naming the field', async () => {
    const items = (await asAdmin('GET', '/api/v1/users')).json<{ items: Record<string, unknown>[] }>().items
    expect(items.map((item) => item.username)).toEqual(['ana.li', 'mei.chen'])
    expect(items[1]).toEqual({ username: 'mei.chen', name: 'Mei Chen', role: 'manager', createdAt: new Date(NOW).toISOString(), createdBy: 'vigil-admin' })
    const fieldOf = async (body: object) => {
      const response = await asAdmin('POST', '/api/v1/users', body)
      expect(response.statusCode, response.body).toBe(400)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      return response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)
    }
    const good = { username: 'lin.wei', name: 'Lin Wei', role: 'manager', password: 'pump-room-lantern-42' }
    expect(await fieldOf({ ...good, password: 'too-short' })).toEqual(['body.password'])
    expect(await fieldOf({ ...good, username: 'Lin Wei' })).toEqual(['body.username'])
    expect(await fieldOf({ ...good, role: 'service' })).toContain('body.role')
    expect(await fieldOf({ ...good, role: 'engineer' })).toEqual(['body.engineerId'])
    expect(await fieldOf({ ...good, role: 'engineer', engineerId: 'nobody' })).toEqual(['body.engineerId'])
    expect(await fieldOf({ ...good, passwordHash: 'x' })).toEqual(['body.passwordHash'])
    const taken = await asAdmin('POST', '/api/v1/users', { ...good, username: 'mei.chen' })
    expect(taken.statusCode).toBe(409)
  })

  it("ends an account's sessions when its password is set, when it is disabled, and when it is deleted", async () => {
    const created = await asAdmin('POST', '/api/v1/users', { username: 'temp.user', name: 'Temp', role: 'requester', password: PASSWORDS.mei })
    expect(created.statusCode, created.body).toBe(201)
    const first = tokenOf(await signIn('temp.user', PASSWORDS.mei))
    expect((await asAdmin('PUT', '/api/v1/users/temp.user/password', { password: PASSWORDS.next })).statusCode).toBe(204)
    expect((await me(first)).statusCode).toBe(401)
    expect((await signIn('temp.user', PASSWORDS.mei)).statusCode).toBe(401)

    const second = tokenOf(await signIn('temp.user', PASSWORDS.next))
    const disabled = await asAdmin('PATCH', '/api/v1/users/temp.user', { disabled: true })
    expect(disabled.statusCode).toBe(200)
    expect(disabled.json()).toMatchObject({ username: 'temp.user', disabledAt: new Date(NOW).toISOString() })
    expect((await me(second)).statusCode).toBe(401)
    expect((await signIn('temp.user', PASSWORDS.next)).statusCode).toBe(401)
    expect((await asAdmin('PATCH', '/api/v1/users/temp.user', { disabled: false })).json()).not.toHaveProperty('disabledAt')

    const third = tokenOf(await signIn('temp.user', PASSWORDS.next))
    expect((await asAdmin('DELETE', '/api/v1/users/temp.user')).statusCode).toBe(204)
    expect((await me(third)).statusCode).toBe(401)
    expect((await signIn('temp.user', PASSWORDS.next)).statusCode).toBe(401)
    expect((await asAdmin('DELETE', '/api/v1/users/temp.user')).statusCode).toBe(404)
    expect((await asAdmin('PUT', '/api/v1/users/temp.user/password', { password: PASSWORDS.next })).statusCode).toBe(404)
  })

  it('keeps no password anywhere in Redis, only salted scrypt hashes', async () => {
    const keys = await redis.redis.keys(`${redis.keys.prefix}:*`)
    expect(keys).toContain(redis.keys.userAccount('mei.chen'))
    const values: string[] = []
    for (const key of keys) {
      const type = await redis.redis.type(key)
      if (type === 'string') values.push((await redis.redis.get(key)) ?? '')
      else if (type === 'set') values.push(...(await redis.redis.smembers(key)))
      else if (type === 'zset') values.push(...(await redis.redis.zrange(key, 0, -1)))
      else if (type === 'hash') values.push(...Object.entries(await redis.redis.hgetall(key)).flat())
      else if (type === 'list') values.push(...(await redis.redis.lrange(key, 0, -1)))
      else values.push(JSON.stringify(await redis.redis.xrange(key, '-', '+')))
    }
    const everything = [...keys, ...values].join('\n')
    expect(everything).toContain('scrypt$')
    for (const password of Object.values(PASSWORDS)) expect(everything).not.toContain(password)
  })
})
