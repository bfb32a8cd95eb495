import type { FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../api/app.js'
import { ApiTokenStore, apiTokenId } from '../../core/auth/api-tokens.js'
import type { HealthReport } from '../../core/health/health-report.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../helpers/registry-fixture.js'
import { testApiDeps } from '../helpers/test-api.js'
import { testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { buildWebApp, describeInChromium, launchChromium } from '../helpers/web-browser.js'

const SUITE = 'the web app: sign-in with a token, the live fleet overview, two languages, in headless Chromium'

describeInChromium(SUITE, () => {
  let redis: TestRedis
  let app: FastifyInstance
  let browser: Browser
  let removeWeb: () => Promise<void>
  let baseUrl: string
  let manager: string

  beforeAll(async () => {
    const web = await buildWebApp()
    removeWeb = web.remove
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, webRoot: web.webRoot }))
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await redis?.close()
    await removeWeb?.()
  })

  it('refuses a bad token with a message, shows the fleet by health for a good one, updates it live, and switches to Chinese', async () => {
    // The rules engine scored the pump 35: critical.
    const report: HealthReport = { equipmentId: PUMP.id, equipmentType: PUMP.type, siteId: PUMP.siteId, buildingId: PUMP.buildingId, score: 35, reasons: [], at: new Date().toISOString() }
    await redis.redis.hset(redis.keys.health, PUMP.id, JSON.stringify(report))
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    page.setDefaultTimeout(5000)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.getByRole('button', { name: 'Use an API token instead' }).click()
    await page.getByLabel('API token').fill('vgl_not-a-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect(await page.getByRole('alert').textContent()).toContain('That token is not valid')

    await page.getByLabel('API token').fill(manager)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor()
    const tile = page.locator(`[data-equipment="${PUMP.id}"]`)
    expect(await tile.getAttribute('data-band')).toBe('critical')
    expect(await tile.textContent()).toContain('Health: 35 / 100')
    expect(await tile.getByTestId('work-orders').textContent()).toBe('Work orders: 0 urgent · 0 normal · 0 low')

    // A work order opened elsewhere shows on the tile without a reload: the page follows the live stream.
    const opened = await app.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { authorization: `Bearer ${manager}` }, payload: { equipmentId: PUMP.id, title: 'Bearing noise', priority: 'urgent' } })
    expect(opened.statusCode).toBe(201)
    await expect.poll(() => tile.getByTestId('work-orders').textContent(), { timeout: 5000 }).toBe('Work orders: 1 urgent · 0 normal · 0 low')

    await page.getByLabel('Health').selectOption('good')
    await tile.waitFor({ state: 'detached' })
    await page.getByLabel('Health').selectOption('critical')
    await tile.waitFor()

    await page.getByLabel('Language').selectOption('zh-CN')
    await page.getByRole('heading', { name: '设备总览' }).waitFor()
    expect(await tile.textContent()).toContain('水泵')
    // A reload keeps the tab signed in and the language chosen.
    await page.reload()
    await page.getByRole('heading', { name: '设备总览' }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  it("speaks the browser's language from the start, and sends a revoked token back to sign-in", async () => {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    page.setDefaultTimeout(5000)
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { name: '登录' }).waitFor()

    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    const shortLived = await tokens.issue({ name: 'temp (manager)', role: 'manager' })
    await page.getByRole('button', { name: '改用 API 令牌' }).click()
    await page.getByLabel('API 令牌').fill(shortLived)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { name: '设备总览' }).waitFor()
    await tokens.revoke(apiTokenId(shortLived))
    await page.reload()
    await page.getByRole('heading', { name: '登录' }).waitFor()
    await context.close()
  })
})
