import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { PhotoStore } from '../../../core/photos/photo-store.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { multipartBody } from '../../helpers/multipart-body.js'
import type { FormPart } from '../../helpers/multipart-body.js'
import { JPEG_BYTES, PDF_BYTES, TINY_PNG } from '../../helpers/photo-samples.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const MAX_PHOTO_BYTES = 8192
/** Two more pumps, only for the throttling test, so their counters are their own. */
const QUIET_PUMP: Equipment = { ...PUMP, id: 'p2', name: 'Booster pump 2', location: 'Basement, east' }
const OTHER_PUMP: Equipment = { ...PUMP, id: 'p3', name: 'Booster pump 3', location: 'Basement, west' }
/** For the test in Chinese, with its own throttle counters. */
const ZH_PUMP: Equipment = { ...PUMP, id: 'p4', name: '4 号加压泵', location: '地下室' }

interface Sent {
  status: number
  location: string | undefined
  token: string | undefined
  page: string
  headers: Record<string, unknown>
}

describe("occupants' requests from the QR page, on real Redis and a real photo folder", () => {
  let redis: TestRedis
  let registry: RegistryStore
  let app: FastifyInstance
  let photoDir: string
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    photoDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-occupant-photos-'))
    registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerPump(registry, QUIET_PUMP)
    await registerPump(registry, OTHER_PUMP)
    await registerPump(registry, ZH_PUMP)
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [engineer('eng-li', PUMP.siteId)])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.li = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    app = await buildApp({
      ...(await testApiDeps(redis, { registry, tokens })),
      autoDispatch: false,
      publicBaseUrl: 'https://vigil.example',
      photos: new PhotoStore({ dir: photoDir, maxBytes: MAX_PHOTO_BYTES }),
      occupantReportLimits: { perAddressPerEquipment: 3, perEquipment: 5, windowMs: 3_600_000 }
    })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
    await rm(photoDir, { recursive: true, force: true })
  })

  const qrCode = async (equipment: Equipment = PUMP): Promise<string> => {
    const code = (await registry.getEquipment(equipment.id))?.qrCode
    if (code === undefined) throw new Error(`${equipment.id} has no QR code`)
    return code
  }
  const staff = async (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token[who] ?? ''}` }, ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }
  const send = async (parts: readonly FormPart[], options: { address?: string; equipment?: Equipment; query?: string; acceptLanguage?: string } = {}): Promise<Sent> => {
    const { payload, headers } = multipartBody(parts)
    const response = await app.inject({
      method: 'POST',
      url: `/r/${await qrCode(options.equipment)}${options.query ?? ''}`,
      headers: { ...headers, ...(options.acceptLanguage === undefined ? {} : { 'accept-language': options.acceptLanguage }) },
      payload,
      remoteAddress: options.address ?? '203.0.113.10'
    })
    const location = response.headers.location
    return { status: response.statusCode, location, token: /^\/r\/follow\/([A-Za-z0-9_-]{32})\?sent=1(&lang=[a-zA-Z-]+)?$/.exec(location ?? '')?.[1], page: response.body, headers: response.headers }
  }
  const followPage = async (followToken: string | undefined) => {
    const response = await app.inject({ method: 'GET', url: `/r/follow/${followToken ?? 'none'}` })
    return { status: response.statusCode, page: response.body }
  }
  const photo = (data: Buffer, contentType = 'image/png'): FormPart => ({ name: 'photo', filename: 'IMG_2040.png', contentType, data })
  const storedFiles = async () => (await readdir(photoDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length
  const workOrderIds = async () => ((await staff('manager', 'GET', '/api/v1/work-orders?limit=1000')).body.items as { id: string }[]).map((wo) => wo.id)

  it('shows the equipment and its self-help tips before the form', async () => {
    const response = await app.inject({ method: 'GET', url: `/r/${await qrCode()}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/)
    const page = response.body
    expect(page).toContain('Booster pump 1')
    expect(page).toContain('Basement')
    const tip = page.indexOf('Low pressure at one tap only')
    expect(tip).toBeGreaterThan(0)
    expect(tip).toBeLessThan(page.indexOf('<form'))
    expect(page).toMatch(/<form method="post" action="\/r\/[0-9a-z]{10}" enctype="multipart\/form-data">/)
  })

  it("turns an occupant's QR request with a photo into a work order that keeps the photo and links back, followed by a private link", async () => {
    const before = await workOrderIds()
    const sent = await send([{ name: 'kind', value: 'fault' }, { name: 'description', value: 'Water pressure very low on floor 12 since this morning' }, photo(TINY_PNG), { name: 'contact', value: 'Flat 12B, +86 138 0000 0000' }])
    expect(sent.status, sent.page).toBe(303)
    expect(sent.token).toBeDefined()

    const [request] = (await staff('manager', 'GET', '/api/v1/requests?kind=fault')).body.items as { id: string; status: string; workOrderId: string; photo: { id: string }; contact: string }[]
    expect(request).toMatchObject({ status: 'work_order', contact: 'Flat 12B, +86 138 0000 0000', photo: { contentType: 'image/png', bytes: TINY_PNG.length } })
    const workOrder = (await staff('manager', 'GET', `/api/v1/work-orders/${request?.workOrderId ?? ''}`)).body
    expect(before).not.toContain(workOrder.id)
    expect(workOrder).toMatchObject({ equipmentId: PUMP.id, priority: 'normal', status: 'open', source: { kind: 'request', requestId: request?.id }, photos: [request?.photo] })
    expect(workOrder.title).toBe('Occupant report, Booster pump 1: Water pressure very low on floor 12 since this morning')
    expect(workOrder.description).toContain('Water pressure very low on floor 12 since this morning')
    expect(workOrder.description).toContain(`https://vigil.example/api/v1/requests/${request?.id ?? ''}`)
    expect(workOrder.description).not.toContain('+86')
    // The link back leads to the request, and both ways lead to the same photo.
    expect((await staff('manager', 'GET', `/api/v1/requests/${request?.id ?? ''}`)).body).toMatchObject({ id: request?.id, workOrderId: workOrder.id })
    const viaWorkOrder = await app.inject({ method: 'GET', url: `/api/v1/work-orders/${String(workOrder.id)}/photos/${request?.photo.id ?? ''}`, headers: { authorization: `Bearer ${token.manager ?? ''}` } })
    expect(viaWorkOrder.statusCode).toBe(200)
    expect(viaWorkOrder.rawPayload).toEqual(TINY_PNG)
    expect((await app.inject({ method: 'GET', url: `/api/v1/requests/${request?.id ?? ''}/photo`, headers: { authorization: `Bearer ${token.manager ?? ''}` } })).rawPayload).toEqual(TINY_PNG)

    const first = await followPage(sent.token)
    expect(first.status).toBe(200)
    expect(first.page).toContain('Waiting for an engineer')
    expect(first.page).toContain('Water pressure very low on floor 12')
    expect(first.page).not.toContain('+86')
    const justSent = await app.inject({ method: 'GET', url: sent.location ?? '' })
    expect(justSent.body).toContain(`https://vigil.example/r/follow/${sent.token ?? ''}`)
    expect(justSent.headers['referrer-policy']).toBe('no-referrer')
    expect(justSent.headers['cache-control']).toBe('no-store')
    const ownPhoto = await app.inject({ method: 'GET', url: `/r/follow/${sent.token ?? ''}/photo` })
    expect(ownPhoto.rawPayload).toEqual(TINY_PNG)

    expect((await staff('manager', 'POST', `/api/v1/work-orders/${String(workOrder.id)}/assign`, { engineerId: 'eng-li' })).status).toBe(200)
    expect((await staff('li', 'POST', `/api/v1/work-orders/${String(workOrder.id)}/accept`, { note: 'internal: bring the spare impeller' })).status).toBe(200)
    const progress = await followPage(sent.token)
    expect(progress.page).toMatch(/<p class="status" id="status">An engineer is on the way<\/p>/)
    expect(progress.page).toContain('An engineer has been assigned')
    expect(progress.page).toContain('An engineer accepted the job')
    expect(progress.page).not.toMatch(/li \(engineer\)|mei|impeller|eng-li/)

    // Only the token's hash is stored: nothing in Redis holds the token itself.
    const keys = await redis.redis.keys(`${redis.keys.prefix}:*`)
    expect(keys.some((key) => key.includes(sent.token ?? '-'))).toBe(false)
    const strings = await Promise.all(keys.map(async (key) => ((await redis.redis.type(key)) === 'string' ? redis.redis.get(key) : '')))
    expect(strings.some((value) => value?.includes(sent.token ?? '-'))).toBe(false)

    // Not fixed yet: nothing to rate, the button leads back.
    expect(progress.page).not.toContain('Rate the repair')
    const early = await app.inject({ method: 'POST', url: `/r/follow/${sent.token ?? ''}/rating` })
    expect([early.statusCode, early.headers.location]).toEqual([303, `/r/follow/${sent.token ?? ''}`])
    await staff('li', 'POST', `/api/v1/work-orders/${String(workOrder.id)}/start`, {})
    await staff('li', 'POST', `/api/v1/work-orders/${String(workOrder.id)}/resolve`, { code: 'adjusted', firstVisitFix: true, note: 'pressure switch reset' })

    // Fixed: the occupant rates the repair from the follow page, through a one-time rating page.
    const fixed = await followPage(sent.token)
    expect(fixed.page).toContain(`<form method="post" action="/r/follow/${sent.token ?? ''}/rating">`)
    const toRating = await app.inject({ method: 'POST', url: `/r/follow/${sent.token ?? ''}/rating` })
    expect(toRating.statusCode).toBe(303)
    const ratingPath = String(toRating.headers.location)
    expect(ratingPath).toMatch(/^\/rate\/rt_/)
    expect((await app.inject({ method: 'GET', url: ratingPath })).body).toContain('name="score"')
    const rated = await app.inject({ method: 'POST', url: ratingPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'score=5&comment=Pressure+is+back' })
    expect(rated.body).toContain('5 out of 5')
    expect((await followPage(sent.token)).page).toContain('You rated this repair 5 out of 5')
    expect((await staff('manager', 'GET', `/api/v1/work-orders/${String(workOrder.id)}`)).body).toMatchObject({ rating: { score: 5, comment: 'Pressure is back' } })
  })

  it('keeps a complaint as feedback, not repair work: counted, answered, and the answer shown to the occupant', async () => {
    const before = await workOrderIds()
    const sent = await send([{ name: 'kind', value: 'complaint' }, { name: 'description', value: 'The pump room hums all night <b>loud</b>' }], { address: '203.0.113.20' })
    expect(sent.status).toBe(303)
    expect(await workOrderIds()).toEqual(before)

    const [complaint] = (await staff('manager', 'GET', '/api/v1/feedback?status=open')).body.items as { id: string; kind: string; status: string; workOrderId?: string }[]
    expect(complaint).toMatchObject({ kind: 'complaint', status: 'open' })
    expect(complaint?.workOrderId).toBeUndefined()
    expect((await staff('manager', 'GET', '/api/v1/feedback/counts')).body.items).toEqual([{ siteId: PUMP.siteId, kind: 'complaint', status: 'open', count: 1 }])
    expect((await followPage(sent.token)).page).toContain('Received; the team will answer here')

    const answered = await staff('manager', 'POST', `/api/v1/feedback/${complaint?.id ?? ''}/answer`, { answer: 'We fitted <new> mounts; it should be quiet now.' })
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ status: 'answered', answer: { text: 'We fitted <new> mounts; it should be quiet now.', by: 'mei (manager)' } })
    expect((await staff('manager', 'GET', '/api/v1/feedback/counts')).body.items).toEqual([{ siteId: PUMP.siteId, kind: 'complaint', status: 'answered', count: 1 }])
    const page = (await followPage(sent.token)).page
    expect(page).toContain('Answer from the team')
    expect(page).toContain('We fitted &lt;new&gt; mounts; it should be quiet now.')
    expect(page).toContain('The pump room hums all night &lt;b&gt;loud&lt;/b&gt;')

    const [fault] = (await staff('manager', 'GET', '/api/v1/requests?kind=fault')).body.items as { id: string }[]
    const refused = await staff('manager', 'POST', `/api/v1/feedback/${fault?.id ?? ''}/answer`, { answer: 'x' })
    expect(refused.status).toBe(409)
    expect(refused.body.detail).toMatch(/fault report/)
    expect((await staff('li', 'GET', '/api/v1/feedback')).status).toBe(403)
  })

  it('gives the form back with the mistakes marked, keeping no photo of a refused report', async () => {
    const before = await storedFiles()
    const empty = await send([{ name: 'description', value: ' ' }, { name: 'contact', value: '<script>x</script>' }, photo(TINY_PNG)], { address: '203.0.113.30' })
    expect(empty.status).toBe(400)
    expect(empty.page).toContain('Describe what is wrong in a few words.')
    expect(empty.page).toContain('value="&lt;script&gt;x&lt;/script&gt;"')
    const tooLarge = await send([{ name: 'description', value: 'Leak under the pump' }, photo(Buffer.concat([JPEG_BYTES, Buffer.alloc(MAX_PHOTO_BYTES)]), 'image/jpeg')], { address: '203.0.113.31' })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.page).toMatch(/The photo is too large: the limit is/)
    const notImage = await send([{ name: 'description', value: 'Leak under the pump' }, photo(PDF_BYTES, 'image/png')], { address: '203.0.113.32' })
    expect(notImage.status).toBe(415)
    expect(notImage.page).toContain('JPEG, PNG, WebP or HEIC')
    expect(await storedFiles()).toBe(before)
  })

  it("speaks Chinese to a browser that asks for it, and carries a language chosen with ?lang= through every link to the rating", async () => {
    const code = await qrCode(ZH_PUMP)
    const get = (url: string, acceptLanguage = 'en-GB,en;q=0.9') => app.inject({ method: 'GET', url, headers: { 'accept-language': acceptLanguage } })

    // Chosen by the browser: Chinese words, staff's data as written, links as they were (the browser asks again).
    const byBrowser = await get(`/r/${code}`, 'zh-CN,zh;q=0.9,en;q=0.8')
    expect(byBrowser.headers.vary).toBe('Accept-Language')
    expect(byBrowser.body).toContain('<html lang="zh-CN">')
    expect(byBrowser.body).toContain('<h2>报告问题</h2>')
    expect(byBrowser.body).toContain('<title>4 号加压泵</title>')
    expect(byBrowser.body).toContain('Low pressure at one tap only')
    expect(byBrowser.body).toContain(`<form method="post" action="/r/${code}" enctype="multipart/form-data">`)
    expect(byBrowser.body).toContain(`<a href="/r/${code}?lang=en" hreflang="en" lang="en">English</a>`)
    expect((await get(`/r/${code}`)).body).toContain('<html lang="en">')

    // Chosen with ?lang= over an English browser: the form posts it on, the mistakes come back in Chinese.
    const chosen = await get(`/r/${code}?lang=zh-CN`)
    expect(chosen.body).toContain('<html lang="zh-CN">')
    expect(chosen.body).toContain(`action="/r/${code}?lang=zh-CN"`)
    const mistake = await send([{ name: 'kind', value: 'praise' }, { name: 'description', value: ' ' }, { name: 'contact', value: '12B' }], { equipment: ZH_PUMP, query: '?lang=zh-CN', address: '203.0.113.40' })
    expect(mistake.status).toBe(400)
    expect(mistake.page).toContain('请选择是故障、投诉还是建议。')
    expect(mistake.page).toContain('请用几句话描述问题。')
    expect(mistake.page).toContain(`action="/r/${code}?lang=zh-CN"`)
    expect(mistake.page).not.toContain('Describe what is wrong')
    const tooLarge = await send([{ name: 'description', value: '泵下面漏水' }, photo(Buffer.concat([JPEG_BYTES, Buffer.alloc(MAX_PHOTO_BYTES)]), 'image/jpeg')], { equipment: ZH_PUMP, query: '?lang=zh-CN', address: '203.0.113.41' })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.page).toContain('照片太大：上限为')

    const sent = await send([{ name: 'description', value: '12 楼从早上 7 点起没有水' }], { equipment: ZH_PUMP, query: '?lang=zh-CN', address: '203.0.113.40' })
    expect(sent.status, sent.page).toBe(303)
    expect(sent.location).toBe(`/r/follow/${sent.token ?? ''}?sent=1&lang=zh-CN`)
    const thanks = await get(sent.location ?? '')
    expect(thanks.body).toContain('谢谢，您的故障报修已收到。')
    expect(thanks.body).toContain(`<p class="link">https://vigil.example/r/follow/${sent.token ?? ''}?lang=zh-CN</p>`)
    expect(thanks.body).toMatch(/<p class="status" id="status">等待工程师处理<\/p>/)
    expect(thanks.body).toContain(`<a href="/r/follow/${sent.token ?? ''}?sent=1&amp;lang=en"`)

    // Fixed: the rating button, the rating page and its form keep the language.
    const [request] = ((await staff('manager', 'GET', `/api/v1/requests?equipmentId=${ZH_PUMP.id}`)).body.items as { workOrderId: string }[])
    const workOrderId = request?.workOrderId ?? ''
    await staff('manager', 'POST', `/api/v1/work-orders/${workOrderId}/assign`, { engineerId: 'eng-li' })
    await staff('li', 'POST', `/api/v1/work-orders/${workOrderId}/accept`, {})
    await staff('li', 'POST', `/api/v1/work-orders/${workOrderId}/start`, {})
    await staff('li', 'POST', `/api/v1/work-orders/${workOrderId}/resolve`, { code: 'adjusted', firstVisitFix: true, note: 'pressure switch reset' })
    const fixed = await get(`/r/follow/${sent.token ?? ''}?lang=zh-CN`)
    expect(fixed.body).toMatch(/<p class="status" id="status">已修好<\/p>/)
    expect(fixed.body).toContain('工程师报告已修好')
    expect(fixed.body).toContain(`<form method="post" action="/r/follow/${sent.token ?? ''}/rating?lang=zh-CN">`)
    const toRating = await app.inject({ method: 'POST', url: `/r/follow/${sent.token ?? ''}/rating?lang=zh-CN` })
    expect(String(toRating.headers.location)).toMatch(/^\/rate\/rt_[A-Za-z0-9_-]{32}\?lang=zh-CN$/)
    const ratingPage = await get(String(toRating.headers.location))
    expect(ratingPage.body).toContain('<h1>我们做得怎么样？</h1>')
    expect(ratingPage.body).toContain(`action="${String(toRating.headers.location)}"`)
    const rated = await app.inject({ method: 'POST', url: String(toRating.headers.location), headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }, payload: 'score=4' })
    expect(rated.body).toContain('您的评分（4 分，满分 5 分）已记录。')
    expect(rated.body).not.toContain('<nav')
    const spent = await app.inject({ method: 'POST', url: String(toRating.headers.location), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'score=4' })
    expect([spent.statusCode, spent.body.includes('此评价链接已失效')]).toEqual([410, true])

    expect((await get('/r/0000000000', 'zh')).body).toContain('请重新扫描设备上的贴纸')
    expect((await get('/r/follow/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=zh-CN')).body).toContain('此链接无效')
  })

  it('throttles reports per address and per equipment with a 429 page', async () => {
    const complaint = [{ name: 'kind', value: 'suggestion' }, { name: 'description', value: 'More light in the plant room' }]
    for (let i = 0; i < 3; i++) expect((await send(complaint, { address: '198.51.100.1', equipment: QUIET_PUMP })).status).toBe(303)
    const throttled = await send(complaint, { address: '198.51.100.1', equipment: QUIET_PUMP })
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0)
    expect(throttled.page).toContain('Too many reports')
    // The same address may still report other equipment; other addresses share the equipment's limit of 5.
    expect((await send(complaint, { address: '198.51.100.1', equipment: OTHER_PUMP })).status).toBe(303)
    expect((await send(complaint, { address: '198.51.100.2', equipment: QUIET_PUMP })).status).toBe(303)
    expect((await send(complaint, { address: '198.51.100.3', equipment: QUIET_PUMP })).status).toBe(303)
    const full = await send(complaint, { address: '198.51.100.4', equipment: QUIET_PUMP })
    expect(full.status).toBe(429)
    expect(full.page).toContain('This equipment has received many reports')
  })

  it('answers an unknown, malformed or replaced code, and an unknown follow link, with a 404 page saying what to do', async () => {
    for (const url of ['/r/0000000000', '/r/not-a-code!', '/r/follow/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/r/follow/short']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(404)
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8')
    }
    expect((await app.inject({ method: 'GET', url: '/r/0000000000' })).body).toContain('Scan the sticker on the equipment again')
    const old = await qrCode(QUIET_PUMP)
    await registry.rotateQrCode(QUIET_PUMP.id)
    const replaced = await app.inject({ method: 'GET', url: `/r/${old}` })
    expect(replaced.statusCode).toBe(404)
    expect(replaced.body).toContain('replaced by a new sticker')
    const { payload, headers } = multipartBody([{ name: 'description', value: 'Leak' }])
    expect((await app.inject({ method: 'POST', url: `/r/${old}`, headers, payload })).statusCode).toBe(404)
  })

  it('lets managers edit the self-help tips of a type, and occupants see the change', async () => {
    const listed = (await staff('li', 'GET', '/api/v1/self-help-tips/pump')).body.items as { id: string; title: string }[]
    expect(listed.map((tip) => tip.title)).toContain('No water on your floor')
    const first = listed[0]?.id ?? ''
    expect((await staff('li', 'POST', '/api/v1/self-help-tips/pump', { title: 'x', body: 'y' })).status).toBe(403)
    const added = await staff('manager', 'POST', '/api/v1/self-help-tips/pump', { title: 'Hot water only is weak', body: 'Check the boiler display first.' })
    expect(added.status).toBe(201)
    expect((await staff('manager', 'POST', `/api/v1/self-help-tips/pump/${first}`, {})).status).toBe(404)
    const rewritten = await app.inject({ method: 'PUT', url: `/api/v1/self-help-tips/pump/${first}`, headers: { authorization: `Bearer ${token.manager ?? ''}` }, payload: { title: 'One tap is weak', body: 'Rinse its aerator.' } })
    expect(rewritten.statusCode).toBe(200)
    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/self-help-tips/pump/${listed[1]?.id ?? ''}`, headers: { authorization: `Bearer ${token.manager ?? ''}` } })
    expect(removed.statusCode).toBe(204)
    const titles = ((await staff('li', 'GET', '/api/v1/self-help-tips/pump')).body.items as { title: string }[]).map((tip) => tip.title)
    expect(titles).toEqual(['One tap is weak', 'Noise or water in the plant room', 'Hot water only is weak'])
    const page = (await app.inject({ method: 'GET', url: `/r/${await qrCode()}` })).body
    expect(page).toContain('Hot water only is weak')
    expect(page).not.toContain('No water on your floor')
  })
})
