import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import { PhotoStore } from '../../../core/photos/photo-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { multipartBody } from '../../helpers/multipart-body.js'
import type { FormPart } from '../../helpers/multipart-body.js'
import { JPEG_BYTES, PDF_BYTES, TINY_PNG } from '../../helpers/photo-samples.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const MAX_BYTES = 4096

describe('work-order photos through the API, on real Redis and a real photo folder', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let photoDir: string
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    photoDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-wo-photos-'))
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerTeam(new EngineerStore(redis.redis, redis.keys), ['eng-li', 'eng-wu'].map((id) => engineer(id, PUMP.siteId)))
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.li = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    token.wu = await tokens.issue({ name: 'wu (engineer)', role: 'engineer', engineerId: 'eng-wu' })
    token.requester = await tokens.issue({ name: 'front desk', role: 'requester' })
    app = await buildApp({
      ...(await testApiDeps(redis, { registry, tokens })),
      autoDispatch: false,
      photos: new PhotoStore({ dir: photoDir, maxBytes: MAX_BYTES })
    })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
    await rm(photoDir, { recursive: true, force: true })
  })

  const auth = (who: string) => ({ authorization: `Bearer ${token[who] ?? ''}` })
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await app.inject({ method, url, headers: auth(who), ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }
  const upload = async (who: string, id: string, parts: readonly FormPart[]) => {
    const { payload, headers } = multipartBody(parts)
    const response = await app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/photos`, headers: { ...auth(who), ...headers }, payload })
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json<Record<string, unknown>>() }
  }
  const photo = (data: Buffer, contentType = 'image/png', filename = 'photo.png'): FormPart => ({ name: 'photo', filename, contentType, data })
  const storedFiles = async () => (await readdir(photoDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length
  const workOrderFor = async (assignee?: string) => {
    const { id } = (await call('manager', 'POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Seal leaking', priority: 'normal' })).body as { id: string }
    if (assignee !== undefined) expect((await call('manager', 'POST', `/api/v1/work-orders/${id}/assign`, { engineerId: assignee })).status).toBe(200)
    return id
  }

  it('lets the engineer on the job attach a photo with a caption, and serves it to those who may see the order', async () => {
    const id = await workOrderFor('eng-li')
    const uploaded = await upload('li', id, [photo(TINY_PNG, 'application/octet-stream', 'IMG_0001.PNG'), { name: 'caption', value: 'Seal, pump side' }])
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    const ref = uploaded.body as { id: string }
    expect(ref).toMatchObject({ id: expect.stringMatching(/^ph_[0-9a-f]{32}$/) as unknown, contentType: 'image/png', bytes: TINY_PNG.length, uploadedBy: 'li (engineer)', caption: 'Seal, pump side' })

    const workOrder = (await call('manager', 'GET', `/api/v1/work-orders/${id}`)).body
    expect(workOrder.photos).toEqual([ref])
    const audit = (await call('manager', 'GET', `/api/v1/work-orders/${id}/audit`)).body.items as { action: string; by: string; note?: string }[]
    expect(audit.at(-1)).toMatchObject({ action: 'photo', by: 'li (engineer)', note: `photo ${ref.id}: Seal, pump side` })

    for (const who of ['li', 'manager']) {
      const served = await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}/photos/${ref.id}`, headers: auth(who) })
      expect(served.statusCode).toBe(200)
      expect(served.headers['content-type']).toBe('image/png')
      expect(served.headers['cache-control']).toMatch(/^private/)
      expect(served.headers['x-content-type-options']).toBe('nosniff')
      expect(served.rawPayload).toEqual(TINY_PNG)
    }
    // Someone else's order does not exist for an engineer; a requester has no business with photos.
    expect((await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}/photos/${ref.id}`, headers: auth('wu') })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}/photos/${ref.id}`, headers: auth('requester') })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}/photos/${ref.id}` })).statusCode).toBe(401)
    // A photo of another order is not served through this one.
    const other = await workOrderFor('eng-li')
    expect((await app.inject({ method: 'GET', url: `/api/v1/work-orders/${other}/photos/${ref.id}`, headers: auth('li') })).statusCode).toBe(404)
  })

  it("refuses an engineer's photo for someone else's order with 403, keeping nothing", async () => {
    const id = await workOrderFor('eng-li')
    const before = await storedFiles()
    const refused = await upload('wu', id, [photo(TINY_PNG)])
    expect(refused.status).toBe(403)
    expect(await storedFiles()).toBe(before)
  })

  it('deletes the stored photo again when the work order refuses it (not yours, or finished)', async () => {
    const unassigned = await workOrderFor()
    const before = await storedFiles()
    // Engineers see unassigned work, but add to it only once it is theirs.
    const refused = await upload('wu', unassigned, [photo(TINY_PNG)])
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toMatch(/not yours/)
    const cancelled = await workOrderFor()
    expect((await call('manager', 'POST', `/api/v1/work-orders/${cancelled}/cancel`, {})).status).toBe(200)
    expect((await upload('manager', cancelled, [photo(TINY_PNG)])).status).toBe(403)
    expect(await storedFiles()).toBe(before)
    expect((await call('manager', 'GET', `/api/v1/work-orders/${cancelled}`)).body.photos).toBeUndefined()
  })

  it('answers 413 naming the field and the limit for a photo too large, and keeps nothing', async () => {
    const id = await workOrderFor('eng-li')
    const before = await storedFiles()
    const tooLarge = await upload('li', id, [photo(Buffer.concat([JPEG_BYTES, Buffer.alloc(MAX_BYTES)]), 'image/jpeg', 'big.jpg')])
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.type).toMatch(/^application\/problem\+json/)
    expect(tooLarge.body).toMatchObject({ type: 'urn:vigil:problem:too-large', errors: [{ field: 'body.photo', message: expect.stringContaining(`${MAX_BYTES} bytes`) as unknown }] })
    expect(await storedFiles()).toBe(before)
  })

  it('answers 415 for a file that is not a photo, whatever it is called', async () => {
    const id = await workOrderFor('eng-li')
    const before = await storedFiles()
    const wrongType = await upload('li', id, [photo(PDF_BYTES, 'image/jpeg', 'report.jpg')])
    expect(wrongType.status).toBe(415)
    expect(wrongType.body).toMatchObject({ type: 'urn:vigil:problem:unsupported-media-type', errors: [{ field: 'body.photo' }] })
    expect((await upload('li', id, [photo(TINY_PNG, 'text/html', 'x.html')])).status).toBe(415)
    expect(await storedFiles()).toBe(before)
  })

  it('answers 400 naming the field for a form without a photo, an unknown field or a caption too long', async () => {
    const id = await workOrderFor('eng-li')
    expect((await upload('li', id, [{ name: 'caption', value: 'no photo' }])).body).toMatchObject({ status: 400, errors: [{ field: 'body.photo' }] })
    expect((await upload('li', id, [photo(TINY_PNG), { name: 'colour', value: 'red' }])).body).toMatchObject({ status: 400, errors: [{ field: 'body.colour' }] })
    expect((await upload('li', id, [photo(TINY_PNG), { name: 'caption', value: 'x'.repeat(201) }])).body).toMatchObject({ status: 400, errors: [{ field: 'body.caption', message: 'must be at most 200 characters' }] })
    const json = await call('li', 'POST', `/api/v1/work-orders/${id}/photos`, { photo: 'abc' })
    expect(json.status).toBe(415)
    expect((await call('manager', 'GET', `/api/v1/work-orders/${id}`)).body.photos).toBeUndefined()
  })

  it('documents the multipart body in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> }>()
    const body = spec.paths['/api/v1/work-orders/{id}/photos']?.post?.requestBody?.content['multipart/form-data']
    expect(Object.keys(body?.schema.properties ?? {})).toEqual(['photo', 'caption'])
  })
})
