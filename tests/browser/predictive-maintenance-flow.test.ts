import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../api/app.js'
import { AlertEventLog } from '../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../core/auth/api-tokens.js'
import type { Equipment } from '../../core/domain/equipment.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import { encodeLine, seriesKey } from '../../core/influx/line-protocol.js'
import { projectRoot } from '../../core/project-root.js'
import { createRedis } from '../../core/redis/redis-connection.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import { EngineerStore } from '../../core/registry/engineer-store.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { AlertService } from '../../rules/alert-service.js'
import { HealthReporter } from '../../rules/health-reporter.js'
import { loadRuleBook } from '../../rules/load-rule-book.js'
import { RulesEngine } from '../../rules/rules-engine.js'
import { createWorkOrderQueue, createWorkOrderWorker } from '../../rules/work-order-job.js'
import type { WorkOrderQueue } from '../../rules/work-order-job.js'
import { createDeviceModel } from '../../simulators/models/create-device-model.js'
import { JPEG_BYTES } from '../helpers/photo-samples.js'
import { engineer, registerTeam } from '../helpers/team-fixture.js'
import { testApiDeps } from '../helpers/test-api.js'
import { testLogger } from '../helpers/test-logger.js'
import { redisUrl, testInflux, testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { buildWebApp, describeInChromium, launchChromium, screenshot } from '../helpers/web-browser.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const STEP = 5 * 60_000
const SUITE = 'predictive maintenance in the browser: a manager watches a pump fail, an engineer fixes it on a phone'

/**
 * The whole loop through the web app. A simulated pump (the simulator's own model, its bearing
 * heating over two weeks, faster than real time: a reading every 5 simulated minutes) runs through
 * the shipped pump rules, the alert service, the BullMQ work-order job, the health reporter, the
 * REST API and its live stream — real Redis, real InfluxDB. Simulated time is laid so that the
 * forecast fires about now: the trend shows the readings of the last days. MQTT ingest is not in
 * this loop (the walking-skeleton test covers it); readings go to InfluxDB as ingest writes them.
 */
describeInChromium(SUITE, () => {
  let redis: TestRedis
  let influx: InfluxStore
  let app: FastifyInstance
  let browser: Browser
  let removeWeb: () => Promise<void>
  let baseUrl: string
  let pump: Equipment
  const token: Record<'manager' | 'engineer' | 'service', string> = { manager: '', engineer: '', service: '' }
  const connections: Redis[] = []
  let queue: WorkOrderQueue
  let worker: ReturnType<typeof createWorkOrderWorker>
  let service: AlertService
  let engine: RulesEngine
  let reporter: HealthReporter
  const model = createDeviceModel('pump', { seed: 3, timeZone: 'Asia/Shanghai', gapProbability: 0 })
  // The seed's forecast fires 3 days 17 h into the run: start so that this is about an hour ago.
  const start = Math.floor((Date.now() - 92 * HOUR) / STEP) * STEP
  let simulated = start
  let simNow = start

  beforeAll(async () => {
    const web = await buildWebApp()
    removeWeb = web.remove
    redis = testRedis()
    influx = await testInflux()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registry.putSite({ id: 'hv', name: 'Harbour View', timezone: 'Asia/Shanghai' })
    await registry.putBuilding({ id: 'hv-a', siteId: 'hv', name: 'Tower A' })
    const created = await registry.createEquipment({ id: 'hv-a-pump-1', siteId: 'hv', buildingId: 'hv-a', type: 'pump', name: 'Tower A booster pump 1', location: 'Basement plant room B2' })
    pump = created.equipment as Equipment
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [engineer('eng-li', 'hv', { name: 'Li Wei' })])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.engineer = await tokens.issue({ name: 'li (engineer)', role: 'engineer', engineerId: 'eng-li' })
    token.service = await tokens.issue({ name: 'rules', role: 'service' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, influx, webRoot: web.webRoot }))
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })

    const alerts = new AlertStore(redis.redis, redis.keys)
    connections.push(createRedis(redisUrl(), 'queue'), createRedis(redisUrl(), 'worker'))
    queue = createWorkOrderQueue(connections[0] as Redis, redis.keys.bullPrefix, 3)
    worker = createWorkOrderWorker({ connection: connections[1] as Redis, prefix: redis.keys.bullPrefix, apiUrl: baseUrl, apiToken: token.service, alerts, logger: testLogger() })
    service = new AlertService({ records: alerts, workOrders: queue, events: new AlertEventLog(redis.redis, redis.keys), logger: testLogger() })
    engine = new RulesEngine(await loadRuleBook(path.join(projectRoot(), 'rules', 'config')))
    reporter = new HealthReporter({ engine, alerts: service, redis: redis.redis, keys: redis.keys, influx, logger: testLogger(), now: () => simNow })
    reporter.track(pump)
    model.startFault('bearing-overheat', start + 2 * DAY, 14 * DAY)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await worker?.close()
    await queue?.close()
    await app?.close()
    await Promise.all(connections.map((connection) => connection.quit()))
    await redis?.close()
    await removeWeb?.()
  })

  const series = () => seriesKey('telemetry', { site: pump.siteId, building: pump.buildingId, equipment_type: pump.type, equipment: pump.id, device: `${pump.id}-gw` })

  /** Runs the pump on until `stop` (or until `done` says so), storing readings and reporting health every 6 simulated hours. */
  async function simulate(stop: number, done: (ts: number, metrics: Record<string, number>) => boolean = () => false): Promise<void> {
    const key = series()
    let lines: string[] = []
    for (; simulated < stop; simulated += STEP) {
      const metrics = model.reading(simulated)
      lines.push(encodeLine(key, metrics, simulated))
      for (const transition of engine.evaluate(pump, { ts: simulated, metrics })) service.submit(transition)
      const last = done(simulated, metrics)
      if ((simulated - start) % (6 * HOUR) === 0 || last) {
        await influx.writeLines(lines)
        lines = []
        await service.settled()
        simNow = simulated
        await reporter.report()
      }
      if (last) {
        simulated += STEP
        break
      }
    }
    await influx.writeLines(lines)
  }

  async function signIn(context: BrowserContext, who: keyof typeof token): Promise<Page> {
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    await page.goto(`${baseUrl}/`)
    const useToken = page.getByRole('button', { name: /API token/ })
    if ((await useToken.count()) > 0) await useToken.click()
    await page.getByLabel('API token').fill(token[who])
    await page.getByRole('button', { name: 'Sign in' }).click()
    return page
  }

  it('the manager sees the pump turn red as its bearing heats, its forecast, and the preventive work order appear live', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    const page = await signIn(context, 'manager')
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor()
    const tile = page.locator(`[data-equipment="${pump.id}"]`)

    // A healthy day and a half: the first health report shows on the tile as it is made.
    await simulate(start + 36 * HOUR)
    await expect.poll(() => tile.getAttribute('data-band')).toBe('good')
    expect(await tile.getByTestId('work-orders').textContent()).toBe('Work orders: 0 urgent · 0 normal · 0 low')

    // The bearing heats: the vibration drift and then the temperature forecast open preventive work.
    let forecastAt: number | undefined
    await simulate(start + 5 * DAY, (ts) => {
      const forecast = engine.detectorStates(pump.id).find((state) => state.rule.id === 'bearing-heating-trend')
      if (forecast?.active === true) forecastAt ??= ts
      return forecastAt !== undefined
    })
    expect(forecastAt).toBeDefined()
    await expect.poll(() => tile.getByTestId('work-orders').textContent(), { timeout: 10_000 }).toBe('Work orders: 0 urgent · 1 normal · 0 low')
    await expect.poll(() => tile.getAttribute('data-band')).toBe('warning')
    await screenshot(page, 'manager-overview-warning')

    // The pump's page: the forecast with its crossing date, and the preventive work order.
    await tile.getByRole('link', { name: pump.name }).click()
    await page.getByRole('heading', { name: pump.name }).waitFor()
    const forecast = page.getByTestId('forecast')
    await forecast.waitFor()
    expect(await forecast.textContent()).toMatch(/^Forecast: Drive-end bearing temperature reaches 80 °C around \d\d\/\d\d\/\d{4}, \d\d:\d\d [AP]M GMT\+8 \(between .+ GMT\+8 and .+ GMT\+8\)\.$/)
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor()
    const workOrderRow = page.getByTestId('equipment-work-orders').locator('tr[data-work-order]')
    expect(await workOrderRow.count()).toBe(1)
    expect(await workOrderRow.textContent()).toContain('preventive')
    await screenshot(page, 'manager-equipment-forecast')

    // On to the limit: the bearing overheats, and the page turns red without a reload.
    await simulate(start + 20 * DAY, (_ts, metrics) => (metrics.bearing_temp_c ?? 0) >= 82)
    await expect.poll(() => page.getByTestId('health').getAttribute('data-band'), { timeout: 10_000 }).toBe('critical')
    await page.getByRole('link', { name: 'Fleet' }).click()
    await expect.poll(() => page.locator(`[data-equipment="${pump.id}"]`).getAttribute('data-band')).toBe('critical')
    // The worst first, above the grid: what the manager came to find.
    expect(await page.getByTestId('needs-attention').locator('li').first().textContent()).toMatch(new RegExp(`^${pump.name} — Health \\d+ / 100 \\(Critical \\(below 50\\)\\)$`))
    await screenshot(page, 'manager-overview-critical')
    expect(errors).toEqual([])
    await context.close()
  })

  it('the engineer, on a 390×844 phone, accepts the work order, checks in by typed QR code, adds a photo, completes the checklist and resolves it', { timeout: 60_000 }, async () => {
    // The manager keeps the KPIs open meanwhile: nothing fixed yet this month.
    const desk = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    const board = await signIn(desk, 'manager')
    await board.getByRole('link', { name: 'Analytics' }).click()
    const firstTimeFix = board.getByTestId('kpi-firstTimeFix')
    await expect.poll(() => firstTimeFix.getByTestId('detail').textContent()).toBe(' (0 of 0)')

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await signIn(context, 'engineer')
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    // Engineers start with their own work, soonest deadline first.
    await page.getByRole('heading', { name: 'My work' }).waitFor()
    const card = page.locator('.work-card').first()
    expect(await card.getAttribute('data-status')).toBe('assigned')
    expect(await card.textContent()).toContain(pump.name)
    await screenshot(page, 'engineer-my-work')
    await card.getByRole('link').tap()

    await page.getByRole('button', { name: 'Accept' }).tap()
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('accepted')
    // A code from the wrong sticker is refused with the API's words; the right one checks in and starts the work.
    await page.getByLabel('Code under the QR sticker').fill('zzzzzzzzzz')
    await page.getByRole('button', { name: 'Check in', exact: true }).tap()
    expect(await page.getByRole('alert').textContent()).toContain('this code is not on any equipment')
    await page.getByLabel('Code under the QR sticker').fill(pump.qrCode ?? '')
    await page.getByRole('button', { name: 'Check in', exact: true }).tap()
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('in progress')

    await page.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'bearing.jpg', mimeType: 'image/jpeg', buffer: JPEG_BYTES })
    await page.getByLabel('Caption (optional)').fill('Drive-end bearing housing')
    await page.getByRole('button', { name: 'Upload photo' }).tap()
    await page.getByRole('heading', { name: 'Photos (1)' }).waitFor()

    // Resolving before the checklist is done: the API says which steps are missing.
    await page.getByRole('button', { name: 'Resolve' }).tap()
    await page.getByRole('button', { name: 'Resolve' }).last().tap()
    expect(await page.getByTestId('action-error').textContent()).toMatch(/record every checklist step before resolving .*missing: bearing-temperature, vibration, lubrication, noise/)

    await page.getByLabel(/Measured value for Drive-end bearing temperature/).fill('58')
    await page.locator('[data-step="bearing-temperature"]').getByRole('button', { name: 'Record' }).tap()
    await page.getByLabel(/Measured value for Vibration velocity/).fill('2.1')
    await page.locator('[data-step="vibration"]').getByRole('button', { name: 'Record' }).tap()
    await page.locator('[data-step="lubrication"]').getByRole('button', { name: 'Pass' }).tap()
    await page.locator('[data-step="noise"]').getByRole('button', { name: 'Pass' }).tap()
    await page.getByRole('heading', { name: 'Checklist (4 of 4 done)' }).waitFor()
    expect(await page.locator('[data-step]').evaluateAll((steps: { getAttribute: (name: string) => string | null }[]) => steps.map((step) => step.getAttribute('data-result')))).toEqual(['passed', 'passed', 'passed', 'passed'])

    await page.getByLabel('How it ended').selectOption('replaced_part')
    await page.getByLabel('What was done').fill('Replaced the drive-end bearing; regreased')
    await page.getByRole('button', { name: 'Resolve' }).last().tap()
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('resolved')
    expect(await page.getByTestId('resolution').textContent()).toBe('Replaced a part · Fixed on the first visit · Replaced the drive-end bearing; regreased')
    const timeline = await page.getByTestId('timeline').locator('li').evaluateAll((items: { getAttribute: (name: string) => string | null }[]) => items.map((item) => item.getAttribute('data-action')))
    expect(timeline).toEqual(expect.arrayContaining(['create', 'assign', 'accept', 'check_in', 'photo', 'checklist', 'resolve']))
    // Usable with one thumb: nothing wider than the screen, and every button a finger's size.
    expect(await page.locator('html').evaluate((root: { scrollWidth: number }) => root.scrollWidth)).toBeLessThanOrEqual(390)
    const small = []
    for (const button of await page.locator('main button').all()) {
      const box = await button.boundingBox()
      if (box !== null && box.width > 0 && (box.height < 44 || box.width < 44)) small.push(await button.textContent())
    }
    expect(small).toEqual([])
    await screenshot(page, 'engineer-work-order-resolved')
    expect(errors).toEqual([])
    await context.close()

    // The manager's KPIs move without a reload: one repair, fixed on the first visit.
    await expect.poll(() => firstTimeFix.getByTestId('detail').textContent(), { timeout: 10_000 }).toBe(' (1 of 1)')
    expect(await firstTimeFix.getByTestId('value').textContent()).toBe('100 %')
    await screenshot(board, 'manager-analytics-after-repair')
    await desk.close()
  })

  it("shows the API's refusal of a move made stale by someone else, naming the allowed moves", { timeout: 30_000 }, async () => {
    const { items } = (await (await fetch(`${baseUrl}/api/v1/work-orders`, { headers: { authorization: `Bearer ${token.manager}` } })).json()) as { items: { id: string; status: string }[] }
    const resolved = items.find((workOrder) => workOrder.status === 'resolved')
    expect(resolved).toBeDefined()
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await signIn(context, 'manager')
    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor()
    // This tab hears no live changes, as on a phone that lost its connection for a while.
    await page.route('**/api/v1/events', (route) => route.abort())
    await page.goto(`${baseUrl}/#/work-orders/${resolved?.id ?? ''}`)
    await page.getByRole('button', { name: 'Close' }).waitFor()
    const closed = await fetch(`${baseUrl}/api/v1/work-orders/${resolved?.id ?? ''}/close`, { method: 'POST', headers: { authorization: `Bearer ${token.manager}`, 'content-type': 'application/json' }, body: '{}' })
    expect(closed.status).toBe(200)
    await page.getByRole('button', { name: 'Close' }).click()
    const refusal = await page.getByTestId('action-error').textContent()
    expect(refusal).toMatch(/closed/)
    expect(refusal).toContain('reopen')
    await screenshot(page, 'manager-stale-action-refused')
    await context.close()
  })

  it('checks in by scanning the sticker with the camera where the browser has BarcodeDetector', { timeout: 30_000 }, async () => {
    const opened = await fetch(`${baseUrl}/api/v1/work-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ equipmentId: pump.id, title: 'Check the new bearing after a week', priority: 'normal' })
    })
    expect(opened.status).toBe(201)
    const { id } = (await opened.json()) as { id: string }
    // Chromium's fake camera stands in for the phone's; this Chromium has no BarcodeDetector (Linux
    // desktop has none), so the page gets one that reads the sticker's URL off any playing video.
    const withCamera = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'])
    try {
      const context = await withCamera.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ['camera'] })
      await context.addInitScript((sticker: string) => {
        class StickerDetector {
          detect(video: { readyState: number }): Promise<{ rawValue: string }[]> {
            return Promise.resolve(video.readyState >= 2 ? [{ rawValue: sticker }] : [])
          }
        }
        ;(globalThis as unknown as { BarcodeDetector: unknown }).BarcodeDetector = StickerDetector
      }, `${baseUrl}/r/${pump.qrCode ?? ''}`)
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      await page.goto(`${baseUrl}/`)
      await page.getByRole('button', { name: /API token/ }).click()
      await page.getByLabel('API token').fill(token.engineer)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.locator(`[data-work-order="${id}"]`).getByRole('link').tap()
      await page.getByRole('button', { name: 'Accept' }).tap()
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('accepted')
      await page.getByRole('button', { name: 'Scan the QR sticker' }).tap()
      // The camera opens, the sticker is read, and the check-in starts the work.
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('in progress')
      await expect.poll(() => page.getByTestId('timeline').locator('li[data-action="check_in"]').count()).toBe(1)
      await screenshot(page, 'engineer-checked-in-by-camera')
      await context.close()
    } finally {
      await withCamera.close()
    }
  })
})
