import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../api/app.js'
import { AlertStore } from '../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../core/auth/api-tokens.js'
import type { Equipment } from '../../core/domain/equipment.js'
import type { HealthReport } from '../../core/health/health-report.js'
import { encodeLine, seriesKey } from '../../core/influx/line-protocol.js'
import { EngineerStore } from '../../core/registry/engineer-store.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { axeViolations } from '../helpers/axe.js'
import { engineer, registerTeam } from '../helpers/team-fixture.js'
import { testApiDeps } from '../helpers/test-api.js'
import { testInflux, testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { buildWebApp, describeInChromium, launchChromium, screenshot } from '../helpers/web-browser.js'

/** Runs in the page before the app: the tab is signed in with `token` (sign-in itself is tested in web-app.test.ts). */
const signedIn = (token: string) => (globalThis as unknown as { sessionStorage: { setItem: (key: string, value: string) => void } }).sessionStorage.setItem('vigil.token', token)

const SUITE = 'every page of the web app, in English and Chinese: accessible, fully translated, usable by keyboard'

describeInChromium(SUITE, () => {
  let redis: TestRedis
  let app: FastifyInstance
  let browser: Browser
  let removeWeb: () => Promise<void>
  let baseUrl: string
  let pump: Equipment
  let workOrderId: string
  const token = { manager: '', engineer: '' }

  beforeAll(async () => {
    const web = await buildWebApp()
    removeWeb = web.remove
    redis = testRedis()
    const influx = await testInflux()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registry.putSite({ id: 'hv', name: 'Harbour View', timezone: 'Asia/Shanghai' })
    await registry.putBuilding({ id: 'hv-a', siteId: 'hv', name: 'Tower A' })
    pump = (await registry.createEquipment({ id: 'hv-a-pump-1', siteId: 'hv', buildingId: 'hv-a', type: 'pump', name: 'Tower A booster pump 1', location: 'Basement plant room B2' })).equipment as Equipment
    await registry.createEquipment({ id: 'hv-a-lift-1', siteId: 'hv', buildingId: 'hv-a', type: 'elevator', name: 'Tower A lift 1', location: 'Core A' })
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [engineer('eng-li', 'hv', { name: 'Li Wei' })])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.engineer = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, influx, webRoot: web.webRoot }))
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })

    // Something on every page: a critical pump with a reason, an open alert, its work order with a checklist, an hour of readings.
    const now = Date.now()
    const report: HealthReport = { equipmentId: pump.id, equipmentType: 'pump', siteId: 'hv', buildingId: 'hv-a', score: 35, reasons: [{ kind: 'alert', ruleId: 'bearing-overheat', penalty: 50, message: 'open critical alert: Pump bearing overheating', metric: 'bearing_temp_c' }], at: new Date(now).toISOString() }
    await redis.redis.hset(redis.keys.health, pump.id, JSON.stringify(report))
    await new AlertStore(redis.redis, redis.keys).open({
      equipmentId: pump.id,
      equipmentType: 'pump',
      siteId: 'hv',
      buildingId: 'hv-a',
      ruleId: 'bearing-overheat',
      metric: 'bearing_temp_c',
      severity: 'critical',
      priority: 'urgent',
      openedAt: new Date(now - 600_000).toISOString(),
      explanation: { message: 'bearing_temp_c 84.2 above 80 for 10 s', value: 84.2, limit: 80 }
    })
    const key = seriesKey('telemetry', { site: 'hv', building: 'hv-a', equipment_type: 'pump', equipment: pump.id, device: 'hv-a-pump-1-gw' })
    await influx.writeLines(Array.from({ length: 60 }, (_, minute) => encodeLine(key, { bearing_temp_c: 70 + minute / 4 }, now - (60 - minute) * 60_000)))
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: { authorization: `Bearer ${token.manager}` },
      payload: { equipmentId: pump.id, title: 'Pump bearing overheating', priority: 'urgent', checklist: [{ id: 'bearing-temperature', label: 'Bearing temperature', kind: 'value', unit: '°C', max: 70 }, { id: 'noise', label: 'No bearing noise', kind: 'pass_fail' }] }
    })
    expect(opened.statusCode, opened.body).toBe(201)
    workOrderId = opened.json<{ id: string }>().id
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await redis?.close()
    await removeWeb?.()
  })

  /** Waits for the page's data, then checks it: no serious accessibility problem, no untranslated key. */
  async function check(page: Page, name: string): Promise<void> {
    await page.locator('main h1').first().waitFor()
    await expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count(), { timeout: 10_000 }).toBe(0)
    expect(await axeViolations(page), name).toEqual([])
    expect(await page.locator('body').innerText(), name).not.toContain('⟦')
    await screenshot(page, `a11y-${name}`)
  }

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`passes axe and shows no missing key on every page (${locale})`, { timeout: 90_000 }, async () => {
      const signedOut = await browser.newContext({ locale })
      const signIn = await signedOut.newPage()
      await signIn.goto(`${baseUrl}/`)
      await check(signIn, `${locale}-sign-in`)
      await signedOut.close()

      const desk = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } })
      await desk.addInitScript(signedIn, token.manager)
      const page = await desk.newPage()
      page.setDefaultTimeout(10_000)
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      for (const [name, hash] of [
        ['overview', '#/overview'],
        ['equipment', `#/equipment/${pump.id}`],
        ['alerts', '#/alerts'],
        ['work-orders', '#/work-orders'],
        ['work-order', `#/work-orders/${workOrderId}`],
        ['analytics', '#/analytics'],
        ['not-found', '#/nowhere']
      ] as const) {
        await page.goto(`${baseUrl}/${hash}`)
        await check(page, `${locale}-manager-${name}`)
      }
      expect(errors).toEqual([])
      await desk.close()

      const phone = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      await phone.addInitScript(signedIn, token.engineer)
      const onPhone = await phone.newPage()
      onPhone.setDefaultTimeout(10_000)
      for (const [name, hash] of [
        ['my-work', '#/my-work'],
        ['work-order', `#/work-orders/${workOrderId}`]
      ] as const) {
        await onPhone.goto(`${baseUrl}/${hash}`)
        await check(onPhone, `${locale}-engineer-${name}`)
      }
      await phone.close()
    })
  }

  it('tells a requester token, which has no staff pages, where its work happens', { timeout: 30_000 }, async () => {
    const requester = await new ApiTokenStore(redis.redis, redis.keys).issue({ name: 'front desk', role: 'requester' })
    const context = await browser.newContext({ locale: 'en-US' })
    await context.addInitScript(signedIn, requester)
    const page = await context.newPage()
    const streams: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/events')) streams.push(request.url())
    })
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { name: 'This app is for the engineering team' }).waitFor()
    expect(await page.getByRole('navigation').getByRole('link').count()).toBe(0)
    expect(await axeViolations(page)).toEqual([])
    // One ask for the live stream per load (refused: 403), not one per render.
    await page.reload()
    await page.getByRole('heading', { name: 'This app is for the engineering team' }).waitFor()
    expect(streams.length).toBeLessThanOrEqual(2)
    await context.close()
  })

  it('works by keyboard: Tab reaches the navigation, the filters and each tile, and Enter opens the equipment', { timeout: 30_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US' })
    await context.addInitScript(signedIn, token.manager)
    const page = await context.newPage()
    await page.goto(`${baseUrl}/#/overview`)
    await page.locator(`[data-equipment="${pump.id}"]`).waitFor()
    const reached: string[] = []
    for (let press = 0; press < 14; press++) {
      await page.keyboard.press('Tab')
      reached.push(await page.locator(':focus').evaluate((element: { tagName: string; textContent: string | null; getAttribute: (name: string) => string | null }) => `${element.tagName}:${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30) ?? ''}`))
      if (reached.at(-1) === `A:${pump.name}`) break
    }
    expect(reached).toEqual(expect.arrayContaining(['A:Fleet', 'A:Analytics', expect.stringMatching(/^SELECT:AllHarbour View/), expect.stringMatching(/^SELECT:AllCritical/), `A:${pump.name}`]))
    // The focused control shows it is focused.
    expect(await page.locator(':focus').evaluate((element: object) => (globalThis as unknown as { getComputedStyle: (e: object) => { outlineStyle: string } }).getComputedStyle(element).outlineStyle)).toBe('solid')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: pump.name }).waitFor()
    await context.close()
  })
})
