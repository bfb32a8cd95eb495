import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { verifyPassword } from '../../../core/auth/password-hash.js'
import { QR_CODE_PATTERN } from '../../../core/registry/qr-code.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

/** Monday 30 November 2026, 10:00 in Shanghai. */
const NOW = Date.parse('2026-11-30T02:00:00.000Z')

type Body = Record<string, unknown> & { errors?: { field: string; message: string }[]; detail?: string; items?: Record<string, unknown>[] }

const ANA = {
  id: 'ana-li',
  name: 'Ana Li',
  contact: { phone: '+86 21 5555 0101', email: 'ana.li@example.com' },
  skills: ['elevator', 'pump'],
  certificates: [{ equipmentType: 'elevator', number: 'TS-EL-2024-0193', expiresAt: '2027-06-30' }],
  shifts: [
    { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
    { days: [7], start: '22:00', end: '06:00' }
  ],
  sites: [{ siteId: 'harbour-view', supervisor: true }]
}

describe('the registry, engineers and API tokens through the API, on real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let registry: RegistryStore
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    registry = new RegistryStore(redis.redis, redis.keys)
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    for (const role of ['admin', 'manager', 'service'] as const) token[role] = await tokens.issue({ name: `test-${role}`, role })
    app = await buildApp({
      ...(await testApiDeps(redis, { registry, tokens })),
      publicBaseUrl: 'https://vigil.example.com',
      now: () => NOW
    })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const call = async (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token[who] ?? who}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
    return { status: response.statusCode, headers: response.headers, text: response.body, body: (/json/.test(String(response.headers['content-type'])) ? response.json<Body>() : {}) }
  }
  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => call('admin', method, url, payload)
  const fields = (body: Body) => (body.errors ?? []).map((error) => error.field)

  describe('sites', () => {
    it('creates, reads, lists and changes a site', async () => {
      const created = await admin('POST', '/api/v1/sites', { id: 'harbour-view', name: 'Harbour View Towers', timezone: 'Asia/Shanghai' })
      expect(created.status).toBe(201)
      expect((await call('manager', 'GET', '/api/v1/sites/harbour-view')).body).toEqual({ id: 'harbour-view', name: 'Harbour View Towers', timezone: 'Asia/Shanghai' })
      expect((await admin('PATCH', '/api/v1/sites/harbour-view', { name: 'Harbour View' })).body).toMatchObject({ name: 'Harbour View', timezone: 'Asia/Shanghai' })
      expect((await call('service', 'GET', '/api/v1/sites')).body.items).toEqual([{ id: 'harbour-view', name: 'Harbour View', timezone: 'Asia/Shanghai' }])
    })

    it('refuses an unknown time zone with 400 naming body.timezone, on create and on change', async () => {
      const created = await admin('POST', '/api/v1/sites', { id: 'mars-base', name: 'Mars', timezone: 'Mars/Olympus_Mons' })
      expect(created.status).toBe(400)
      expect(created.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(fields(created.body)).toEqual(['body.timezone'])
      expect((await admin('GET', '/api/v1/sites/mars-base')).status).toBe(404)
      const changed = await admin('PATCH', '/api/v1/sites/harbour-view', { timezone: 'Asia/Atlantis' })
      expect(fields(changed.body)).toEqual(['body.timezone'])
      expect((await admin('GET', '/api/v1/sites/harbour-view')).body.timezone).toBe('Asia/Shanghai')
    })

    it('refuses a taken id with 409 and a bad id naming body.id', async () => {
      expect((await admin('POST', '/api/v1/sites', { id: 'harbour-view', name: 'Again', timezone: 'UTC' })).status).toBe(409)
      const bad = await admin('POST', '/api/v1/sites', { id: 'Harbour View', name: 'x', timezone: 'UTC' })
      expect(bad.status).toBe(400)
      expect(fields(bad.body)).toEqual(['body.id'])
    })
  })

  describe('buildings', () => {
    it('refuses a building on an unknown site with 400 naming body.siteId', async () => {
      const refused = await admin('POST', '/api/v1/buildings', { id: 'nowhere-a', siteId: 'nowhere', name: 'A' })
      expect(refused.status).toBe(400)
      expect(fields(refused.body)).toEqual(['body.siteId'])
      expect(refused.body.detail).toContain('POST /api/v1/sites')
    })

    it('creates, lists by site and renames a building', async () => {
      expect((await admin('POST', '/api/v1/buildings', { id: 'hv-tower-a', siteId: 'harbour-view', name: 'Tower A' })).status).toBe(201)
      expect((await admin('POST', '/api/v1/buildings', { id: 'hv-tower-a', siteId: 'harbour-view', name: 'Tower A' })).status).toBe(409)
      expect((await admin('GET', '/api/v1/buildings?siteId=harbour-view')).body.items).toEqual([{ id: 'hv-tower-a', siteId: 'harbour-view', name: 'Tower A' }])
      expect((await admin('GET', '/api/v1/buildings?siteId=elsewhere')).body.items).toEqual([])
      expect((await admin('PATCH', '/api/v1/buildings/hv-tower-a', { name: 'Tower A (north)' })).body).toMatchObject({ name: 'Tower A (north)' })
    })
  })

  describe('equipment and its QR code', () => {
    let qrCode = ''

    it('gives new equipment a QR code that finds it', async () => {
      const created = await admin('POST', '/api/v1/equipment', { id: 'hv-a-lift-1', buildingId: 'hv-tower-a', type: 'elevator', name: 'Lift 1', location: 'Tower A lobby' })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ id: 'hv-a-lift-1', siteId: 'harbour-view', buildingId: 'hv-tower-a', type: 'elevator' })
      qrCode = String(created.body.qrCode)
      expect(qrCode).toMatch(new RegExp(QR_CODE_PATTERN))
      expect((await call('manager', 'GET', `/api/v1/equipment/by-qr/${qrCode}`)).body).toMatchObject({ id: 'hv-a-lift-1', qrCode })
    })

    it('refuses equipment in an unknown building naming body.buildingId', async () => {
      const refused = await admin('POST', '/api/v1/equipment', { id: 'ghost', buildingId: 'no-such-building', type: 'pump', name: 'x', location: 'y' })
      expect(refused.status).toBe(400)
      expect(fields(refused.body)).toEqual(['body.buildingId'])
    })

    it('prints a QR sticker as SVG showing the code', async () => {
      const sticker = await call('manager', 'GET', '/api/v1/equipment/hv-a-lift-1/qr.svg')
      expect(sticker.status).toBe(200)
      expect(sticker.headers['content-type']).toMatch(/^image\/svg\+xml/)
      expect(sticker.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      expect(sticker.text).toContain(`>${qrCode}</text>`)
      expect(sticker.text).toContain(`https://vigil.example.com/r/${qrCode}`)
    })

    it('rotates the QR code: the old code is 404, the new one finds the equipment', async () => {
      const rotated = await admin('POST', '/api/v1/equipment/hv-a-lift-1/qr-code')
      expect(rotated.status).toBe(200)
      const fresh = String(rotated.body.qrCode)
      expect(fresh).not.toBe(qrCode)
      expect((await admin('GET', `/api/v1/equipment/by-qr/${qrCode}`)).status).toBe(404)
      expect((await admin('GET', `/api/v1/equipment/by-qr/${fresh}`)).body).toMatchObject({ id: 'hv-a-lift-1' })
      qrCode = fresh
    })
  })

  describe('devices', () => {
    it('shows a new device its password once and stores only a hash that verifies it', async () => {
      const created = await admin('POST', '/api/v1/devices', { id: 'hv-a-lift-1-gw', equipmentId: 'hv-a-lift-1' })
      expect(created.status).toBe(201)
      expect(created.headers['cache-control']).toBe('no-store')
      const password = String((created.body.credentials as Record<string, unknown>).password)
      expect(password.length).toBeGreaterThanOrEqual(24)
      const raw = await redis.redis.get(redis.keys.device('hv-a-lift-1-gw'))
      expect(raw).not.toContain(password)
      const stored = await registry.getDevice('hv-a-lift-1-gw')
      expect(await verifyPassword(password, stored?.passwordHash ?? '')).toBe(true)
      expect(await verifyPassword(`${password}x`, stored?.passwordHash ?? '')).toBe(false)
      const read = await call('manager', 'GET', '/api/v1/devices/hv-a-lift-1-gw')
      expect(read.body).toEqual({ id: 'hv-a-lift-1-gw', equipmentId: 'hv-a-lift-1', siteId: 'harbour-view', buildingId: 'hv-tower-a', equipmentType: 'elevator' })
    })

    it('rotates the password: a new hash, the old password no longer verifies', async () => {
      const before = await registry.getDevice('hv-a-lift-1-gw')
      const rotated = await admin('POST', '/api/v1/devices/hv-a-lift-1-gw/credentials')
      expect(rotated.status).toBe(201)
      const after = await registry.getDevice('hv-a-lift-1-gw')
      expect(after?.passwordHash).not.toBe(before?.passwordHash)
      expect(await verifyPassword(String(rotated.body.password), after?.passwordHash ?? '')).toBe(true)
    })

    it('refuses a device on unknown equipment naming body.equipmentId', async () => {
      const refused = await admin('POST', '/api/v1/devices', { id: 'stray-gw', equipmentId: 'no-such-equipment' })
      expect(fields(refused.body)).toEqual(['body.equipmentId'])
    })
  })

  describe('engineers', () => {
    it('adds an engineer and reads them back, by id and by site', async () => {
      const created = await admin('POST', '/api/v1/engineers', ANA)
      expect(created.status).toBe(201)
      expect(created.body).toEqual(ANA)
      expect((await call('engineer-less', 'GET', '/api/v1/engineers/ana-li')).status).toBe(401)
      expect((await call('manager', 'GET', '/api/v1/engineers/ana-li')).body).toEqual(ANA)
      expect((await call('service', 'GET', '/api/v1/engineers?siteId=harbour-view')).body.items).toEqual([ANA])
      expect((await call('service', 'GET', '/api/v1/engineers?siteId=elsewhere')).body.items).toEqual([])
    })

    it('fills what a new engineer leaves out: no contact, certificates, shifts or sites, supervisor false', async () => {
      const created = await admin('POST', '/api/v1/engineers', { id: 'bo-wu', name: 'Bo Wu', skills: ['pump'], sites: [{ siteId: 'harbour-view' }] })
      expect(created.body).toEqual({ id: 'bo-wu', name: 'Bo Wu', contact: {}, skills: ['pump'], certificates: [], shifts: [], sites: [{ siteId: 'harbour-view', supervisor: false }] })
      expect((await admin('GET', '/api/v1/engineers')).body.items?.map((e) => e.id)).toEqual(['ana-li', 'bo-wu'])
    })

    it('refuses a taken id with 409', async () => {
      expect((await admin('POST', '/api/v1/engineers', ANA)).status).toBe(409)
    })

    it.each([
      ['an unknown site', { sites: [{ siteId: 'nowhere' }] }, 'body.sites.0.siteId'],
      ['a site listed twice', { sites: [{ siteId: 'harbour-view' }, { siteId: 'harbour-view', supervisor: true }] }, 'body.sites.1.siteId'],
      ['a shift starting at 25:00', { shifts: [{ days: [1], start: '25:00', end: '06:00' }] }, 'body.shifts.0.start'],
      ['a shift ending at 8:00', { shifts: [{ days: [1], start: '07:00', end: '8:00' }] }, 'body.shifts.0.end'],
      ['a shift on day 8', { shifts: [{ days: [8], start: '07:00', end: '08:00' }] }, 'body.shifts.0.days.0'],
      ['an impossible expiry date', { certificates: [{ equipmentType: 'elevator', number: 'X1', expiresAt: '2027-02-30' }] }, 'body.certificates.0.expiresAt'],
      ['a certificate listed twice', { certificates: [ANA.certificates[0], ANA.certificates[0]] }, 'body.certificates.1.number'],
      ['a certificate for pumps', { certificates: [{ equipmentType: 'pump', number: 'P1', expiresAt: '2027-01-01' }] }, 'body.certificates.0.equipmentType'],
      ['an unknown skill', { skills: ['boiler'] }, 'body.skills.0'],
      ['a bad email', { contact: { email: 'not an email' } }, 'body.contact.email'],
      ['an unknown field', { favouriteTool: 'spanner' }, 'body.favouriteTool']
    ])('refuses %s with 400 naming the field, and stores nothing', async (_case, change, field) => {
      const refused = await admin('POST', '/api/v1/engineers', { ...ANA, id: 'cy-zhao', ...change })
      expect(refused.status, JSON.stringify(refused.body)).toBe(400)
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(fields(refused.body)).toContain(field)
      expect((await admin('GET', '/api/v1/engineers/cy-zhao')).status).toBe(404)
    })

    it('replaces the fields a PATCH sends and keeps the others; validates it the same way', async () => {
      const renewed = [{ equipmentType: 'elevator', number: 'TS-EL-2026-0412', expiresAt: '2029-06-30' }]
      const patched = await admin('PATCH', '/api/v1/engineers/ana-li', { certificates: renewed })
      expect(patched.status).toBe(200)
      expect(patched.body).toEqual({ ...ANA, certificates: renewed })
      expect((await admin('GET', '/api/v1/engineers/ana-li')).body).toEqual({ ...ANA, certificates: renewed })
      const refused = await admin('PATCH', '/api/v1/engineers/ana-li', { sites: [{ siteId: 'harbour-view' }, { siteId: 'nowhere' }] })
      expect(fields(refused.body)).toEqual(['body.sites.1.siteId'])
      expect((await admin('GET', '/api/v1/engineers/ana-li')).body.sites).toEqual(ANA.sites)
      expect((await admin('PATCH', '/api/v1/engineers/ana-li', {})).status).toBe(400)
      expect((await admin('PATCH', '/api/v1/engineers/nobody', { name: 'X' })).status).toBe(404)
    })

    it("lists who could take elevator work at the site now: on shift in the site's zone, skilled and certified", async () => {
      // Monday 10:00 in Shanghai: Ana is on her day shift with an elevator certificate; Bo has pumps only.
      expect((await admin('GET', '/api/v1/engineers?siteId=harbour-view&availableFor=elevator')).body.items?.map((e) => e.id)).toEqual(['ana-li'])
      expect((await admin('GET', '/api/v1/engineers?siteId=harbour-view&availableFor=pump')).body.items?.map((e) => e.id)).toEqual(['ana-li'])
      const noSite = await admin('GET', '/api/v1/engineers?availableFor=pump')
      expect(noSite.status).toBe(400)
      expect(fields(noSite.body)).toEqual(['querystring.siteId'])
    })

    it('refuses to delete an engineer with active work orders, naming them; deleting revokes their tokens', async () => {
      const issued = await admin('POST', '/api/v1/tokens', { name: 'ana phone', role: 'engineer', engineerId: 'ana-li' })
      const anaToken = String(issued.body.token)
      expect((await call(anaToken, 'GET', '/api/v1/engineers/ana-li')).status).toBe(200)

      const order = await call('manager', 'POST', '/api/v1/work-orders', { equipmentId: 'hv-a-lift-1', title: 'Door sluggish', priority: 'normal' })
      expect(order.status, JSON.stringify(order.body)).toBe(201)
      const orderId = String(order.body.id)
      expect((await call('manager', 'POST', `/api/v1/work-orders/${orderId}/assign`, { engineerId: 'ana-li' })).status).toBe(200)

      const refused = await admin('DELETE', '/api/v1/engineers/ana-li')
      expect(refused.status).toBe(409)
      expect(refused.body.detail).toContain(orderId)
      expect((await call(anaToken, 'GET', '/api/v1/engineers/ana-li')).status).toBe(200)

      expect((await call('manager', 'POST', `/api/v1/work-orders/${orderId}/cancel`, {})).status).toBe(200)
      expect((await admin('DELETE', '/api/v1/engineers/ana-li')).status).toBe(204)
      expect((await admin('GET', '/api/v1/engineers/ana-li')).status).toBe(404)
      expect((await call(anaToken, 'GET', '/api/v1/sites')).status).toBe(401)
      expect((await admin('GET', '/api/v1/tokens')).body.items?.filter((record) => record.engineerId === 'ana-li')).toEqual([])
      expect((await admin('DELETE', '/api/v1/engineers/ana-li')).status).toBe(404)
    })
  })

  describe('deleting what something still depends on', () => {
    it('refuses with 409 naming the dependents, then deletes from the leaves up', async () => {
      const site = await admin('DELETE', '/api/v1/sites/harbour-view')
      expect(site.status).toBe(409)
      expect(site.body.detail).toContain('hv-tower-a')
      expect(site.body.detail).toContain('bo-wu')
      expect((await admin('DELETE', '/api/v1/buildings/hv-tower-a')).body.detail).toContain('hv-a-lift-1')
      const equipment = await admin('DELETE', '/api/v1/equipment/hv-a-lift-1')
      expect(equipment.status).toBe(409)
      expect(equipment.body.detail).toContain('hv-a-lift-1-gw')

      expect((await admin('DELETE', '/api/v1/devices/hv-a-lift-1-gw')).status).toBe(204)
      const { qrCode } = (await admin('GET', '/api/v1/equipment/hv-a-lift-1')).body
      expect((await admin('DELETE', '/api/v1/equipment/hv-a-lift-1')).status).toBe(204)
      expect((await admin('GET', `/api/v1/equipment/by-qr/${String(qrCode)}`)).status).toBe(404)
      expect((await admin('DELETE', '/api/v1/buildings/hv-tower-a')).status).toBe(204)
      expect((await admin('DELETE', '/api/v1/sites/harbour-view')).body.detail).toContain('bo-wu')
      expect((await admin('DELETE', '/api/v1/engineers/bo-wu')).status).toBe(204)
      expect((await admin('DELETE', '/api/v1/sites/harbour-view')).status).toBe(204)
    })

    it.each(['sites', 'buildings', 'equipment', 'devices', 'engineers'])('answers 404 for an unknown id in /api/v1/%s', async (collection) => {
      for (const method of ['GET', 'DELETE'] as const) {
        const missing = await admin(method, `/api/v1/${collection}/no-such-id`)
        expect(missing.status, `${method} ${collection}`).toBe(404)
        expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/)
      }
    })
  })

  describe('API tokens', () => {
    it('issues a token shown once that authenticates with its role', async () => {
      const issued = await admin('POST', '/api/v1/tokens', { name: 'facilities dashboard', role: 'manager', ttlSeconds: 3600 })
      expect(issued.status).toBe(201)
      expect(issued.headers['cache-control']).toBe('no-store')
      const managerToken = String(issued.body.token)
      expect(managerToken).toMatch(/^vgl_/)
      expect(issued.body.record).toMatchObject({ name: 'facilities dashboard', role: 'manager', createdBy: 'test-admin', expiresAt: expect.any(String) as unknown })
      expect((await call(managerToken, 'GET', '/api/v1/sites')).status).toBe(200)
      const refused = await call(managerToken, 'POST', '/api/v1/sites', { id: 'x', name: 'x', timezone: 'UTC' })
      expect(refused.status).toBe(403)
      expect(refused.body.detail).toContain('role manager')
    })

    it('lists tokens without their secrets', async () => {
      const issued = await admin('POST', '/api/v1/tokens', { name: 'listed', role: 'requester' })
      const listed = await admin('GET', '/api/v1/tokens')
      expect(listed.status).toBe(200)
      expect(listed.body.items?.map((record) => record.name)).toContain('listed')
      expect(listed.text).not.toContain(String(issued.body.token))
      expect(listed.text).not.toMatch(/vgl_|sha256/)
    })

    it('revokes a token: it is 401 from the next request, and a second revoke is 404', async () => {
      const issued = await admin('POST', '/api/v1/tokens', { name: 'short-lived', role: 'manager' })
      const { id } = issued.body.record as { id: string }
      expect((await call(String(issued.body.token), 'GET', '/api/v1/sites')).status).toBe(200)
      expect((await admin('DELETE', `/api/v1/tokens/${id}`)).status).toBe(204)
      const revoked = await call(String(issued.body.token), 'GET', '/api/v1/sites')
      expect(revoked.status).toBe(401)
      expect(revoked.body.detail).toContain('revoked')
      expect((await admin('GET', '/api/v1/tokens')).body.items?.map((record) => record.id)).not.toContain(id)
      expect((await admin('DELETE', `/api/v1/tokens/${id}`)).status).toBe(404)
      expect(fields((await admin('DELETE', '/api/v1/tokens/vgl_not-an-id')).body)).toEqual(['params.id'])
    })

    it.each([
      ['an engineer token without engineerId', { name: 'x', role: 'engineer' }],
      ['an engineer token for an unknown engineer', { name: 'x', role: 'engineer', engineerId: 'nobody' }],
      ['a manager token bound to an engineer', { name: 'x', role: 'manager', engineerId: 'bo-wu' }]
    ])('refuses %s naming body.engineerId', async (_case, body) => {
      const before = (await admin('GET', '/api/v1/tokens')).body.items?.length
      const refused = await admin('POST', '/api/v1/tokens', body)
      expect(refused.status).toBe(400)
      expect(fields(refused.body)).toEqual(['body.engineerId'])
      expect((await admin('GET', '/api/v1/tokens')).body.items?.length).toBe(before)
    })

    it('refuses an unknown role naming body.role', async () => {
      expect(fields((await admin('POST', '/api/v1/tokens', { name: 'x', role: 'superuser' })).body)).toContain('body.role')
    })
  })
})
