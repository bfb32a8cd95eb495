import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../api/app.js'
import { OCCUPANT_MESSAGES } from '../../api/occupant-messages.js'
import type { OccupantLanguage } from '../../api/occupant-messages.js'
import { WorkOrderRepository } from '../../api/work-orders/work-order.repository.js'
import { WorkOrderTransitions } from '../../api/work-orders/work-order-transitions.js'
import { NoticeStore } from '../../core/notices/notice-store.js'
import { PhotoStore } from '../../core/photos/photo-store.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { axeViolations } from '../helpers/axe.js'
import { TINY_PNG } from '../helpers/photo-samples.js'
import { PUMP, registerPump } from '../helpers/registry-fixture.js'
import { testApiDeps } from '../helpers/test-api.js'
import { testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { describeInChromium, launchChromium } from '../helpers/web-browser.js'

const SUITE = "an occupant reports a fault from the equipment's QR page, in headless Chromium"
/** Screenshots of every page visited, to look at (gitignored). */
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/', import.meta.url))
/** The little of the browser's globals this test uses in the page (the project has no DOM types). */
interface InPage {
  getComputedStyle(element: object): { outlineStyle: string }
}
/** A cheap phone's screen, in CSS pixels. */
const CHEAP_PHONE = { width: 360, height: 640 }
/** The smallest tap target, in CSS pixels (WCAG 2.5.5). */
const TAP_TARGET_PX = 44
/** The English dictionary's sentences (the parts between `{placeholders}`), long enough not to match by chance. */
const ENGLISH_SENTENCES = Object.values(OCCUPANT_MESSAGES.en)
  .flatMap((text) => text.split(/\{\w+\}/))
  .map((part) => part.trim())
  .filter((part) => part.length > 12)

/** The English sentences a page shows, in its text or in the attributes read aloud (labels, alt texts, placeholders, titles). */
async function englishOn(page: Page): Promise<string[]> {
  const attributes = await page
    .locator('[aria-label], [alt], [placeholder], [title]')
    .evaluateAll((elements: { getAttribute(name: string): string | null }[]) => elements.flatMap((element) => ['aria-label', 'alt', 'placeholder', 'title'].map((name) => element.getAttribute(name) ?? '')))
  const text = [await page.title(), (await page.locator('body').textContent()) ?? '', ...attributes].join('\n')
  return ENGLISH_SENTENCES.filter((sentence) => text.includes(sentence))
}

/**
 * What every occupant page must be, checked on the page as shown: in the occupant's language and
 * saying so, no serious or critical axe-core violation, nothing wider than the phone's screen, every
 * control big enough to tap. Saves a screenshot as test-output/occupant-{name}.png.
 */
async function expectPhoneFriendlyAndAccessible(page: Page, name: string, language: OccupantLanguage = 'en'): Promise<void> {
  expect(await page.getAttribute('html', 'lang'), name).toBe(language)
  expect(await axeViolations(page), name).toEqual([])
  const pageWidth = await page.locator('html').evaluate((root: { scrollWidth: number }) => root.scrollWidth)
  expect(pageWidth, `${name} overflows sideways`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0)
  const small: string[] = []
  for (const control of await page.locator('button, summary, .choice label, textarea, input:not([type=radio]), nav a').all()) {
    const box = await control.boundingBox()
    if (box !== null && (box.width < TAP_TARGET_PX || box.height < TAP_TARGET_PX)) small.push(await control.evaluate((element: { outerHTML: string }) => element.outerHTML.slice(0, 80)))
  }
  expect(small, `${name}: tap targets under ${TAP_TARGET_PX} px`).toEqual([])
  await page.screenshot({ path: path.join(SCREENSHOTS, `occupant-${name}.png`), fullPage: true })
}

describeInChromium(SUITE, () => {
  let redis: TestRedis
  let app: FastifyInstance
  let browser: Browser
  let photoDir: string
  let baseUrl: string
  let registry: RegistryStore

  beforeAll(async () => {
    redis = testRedis()
    photoDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-browser-photos-'))
    registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    app = await buildApp({
      ...(await testApiDeps(redis, { registry })),
      autoDispatch: false,
      photos: new PhotoStore({ dir: photoDir, maxBytes: 1_048_576 })
    })
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
    await mkdir(SCREENSHOTS, { recursive: true })
    const startsAt = new Date(Date.now() + 3_600_000).toISOString()
    await new NoticeStore(redis.redis, redis.keys).add({
      id: 'nt-1',
      siteId: PUMP.siteId,
      title: 'Water off on Tuesday morning',
      message: 'The booster pumps are serviced.\nWater returns by noon.',
      startsAt,
      endsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
      mutesEquipmentTypes: [],
      windows: [],
      createdAt: startsAt,
      createdBy: 'mei (manager)'
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await redis?.close()
    await rm(photoDir, { recursive: true, force: true })
  })

  const qrCode = async (): Promise<string> => (await registry.getEquipment(PUMP.id))?.qrCode ?? ''
  /** The engineer fixes the fault the occupant reported (the work order whose title quotes it). */
  const repair = async (description: string): Promise<void> => {
    const workOrders = new WorkOrderRepository(redis.redis, redis.keys)
    const workOrder = (await workOrders.list()).find((candidate) => candidate.title.includes(description))
    if (workOrder === undefined) throw new Error(`the report "${description}" opened no work order`)
    const transitions = new WorkOrderTransitions({ workOrders })
    const manager = { name: 'mei (manager)', role: 'manager' as const }
    await transitions.act(workOrder.id, 'assign', manager, { engineerId: 'eng-li' })
    await transitions.act(workOrder.id, 'accept', manager)
    await transitions.act(workOrder.id, 'start', manager)
    await transitions.act(workOrder.id, 'resolve', manager, { resolution: { code: 'adjusted', firstVisitFix: true, note: 'valve reopened' } })
  }
  /** A CSP refusal or a failed load shows as a console error; the browser's own favicon probe is not the page's. */
  const consoleErrors = (page: Page): string[] => {
    const blocked: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) blocked.push(message.text())
    })
    return blocked
  }

  it('shows the notices and tips, takes the form with a photo, and lands on the follow page showing the status', async () => {
    const code = await qrCode()
    const page = await browser.newPage({ viewport: CHEAP_PHONE, locale: 'en-GB' })
    // A step that cannot happen fails with the step named, well inside the test's own timeout.
    page.setDefaultTimeout(5000)
    const blocked = consoleErrors(page)

    await page.goto(`${baseUrl}/r/${code}`)
    await expect.poll(() => page.title()).toBe('Booster pump 1')
    // The tips come first: the first one open, the others a tap away.
    await page.getByText('Try another tap.').waitFor()
    await page.getByText('No water on your floor').click()
    await page.getByText('Ask a neighbour whether they have water too').waitFor()
    await page.getByText('Water off on Tuesday morning').waitFor()
    // Notices, then tips, then the form, in the DOM too: what a screen reader reads first.
    const inDomOrder = page.locator('section.notice, section[aria-label="Self-help tips"], form')
    expect(await inDomOrder.evaluateAll((elements: { tagName: string; className: string }[]) => elements.map((element) => `${element.tagName}.${element.className}`))).toEqual(['SECTION.notice', 'SECTION.', 'FORM.'])
    // The switch to Chinese comes first after the brand, labelled in Chinese.
    expect(await page.locator('header').textContent()).toBe('Vigil中文Booster pump 1Building · Basement')
    // What the Chinese walk checks is not there finds the dictionary's English where it is.
    expect(await englishOn(page)).toEqual(expect.arrayContaining(['Report a problem', 'What you noticed, where, and since when']))
    await expectPhoneFriendlyAndAccessible(page, 'report')
    // The keyboard reaches every control in reading order, and the focused one shows it.
    const reached: string[] = []
    for (let i = 0; i < 12 && !reached.includes('BUTTON'); i++) {
      await page.keyboard.press('Tab')
      reached.push(await page.locator(':focus').evaluate((element: { id: string; tagName: string }) => element.id || element.tagName))
    }
    expect(reached.filter((id) => id !== 'SUMMARY')).toEqual(['INPUT', 'description', 'photo', 'contact', 'BUTTON'])
    await page.locator('#description').focus()
    expect(await page.locator('#description').evaluate((element: object) => (globalThis as unknown as InPage).getComputedStyle(element).outlineStyle)).toBe('solid')

    await page.getByLabel('What happened?').fill('No water on floor 12 since 7 am')
    await page.getByLabel('Photo (optional)').setInputFiles({ name: 'tap.png', mimeType: 'image/png', buffer: TINY_PNG })
    await page.getByLabel('How can we reach you? (optional)').fill('Flat 12B')
    await Promise.all([page.waitForURL(/\/r\/follow\/[A-Za-z0-9_-]{32}\?sent=1$/), page.getByRole('button', { name: 'Send report' }).click()])

    await page.getByText('Thank you, your fault report was received.').waitFor()
    expect(await page.locator('#status').textContent()).toBe('Waiting for an engineer')
    expect(await page.locator('.link').textContent()).toBe(page.url().replace('?sent=1', ''))
    await page.getByText('Reported; waiting for an engineer').waitFor()
    // The photo the occupant sent loads from the follow link; the page's CSP let everything it uses through.
    await expect.poll(() => page.locator('img.photo').evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(1)
    expect(blocked).toEqual([])
    await expectPhoneFriendlyAndAccessible(page, 'follow')

    // Once the repair is resolved, the occupant rates it from the same page.
    const followUrl = page.url().replace('?sent=1', '')
    await repair('No water on floor 12 since 7 am')
    await page.goto(followUrl)
    await expectPhoneFriendlyAndAccessible(page, 'follow-resolved')
    await Promise.all([page.waitForURL(/\/rate\/rt_/), page.getByRole('button', { name: 'Rate the repair' }).click()])
    await expectPhoneFriendlyAndAccessible(page, 'rating')
    await page.getByLabel('4 – Good').check()
    await page.getByLabel('Comment (optional)').fill('Water back within the hour')
    await page.getByRole('button', { name: 'Send rating' }).click()
    await page.getByText('Your rating of 4 out of 5 was recorded.').waitFor()
    await expectPhoneFriendlyAndAccessible(page, 'rated')
    await page.goto(followUrl)
    await page.getByText('You rated this repair 4 out of 5').waitFor()
    expect(blocked).toEqual([])
    // A code that leads nowhere gets a page (a 404, which the console reports) that says what to do.
    await page.goto(`${baseUrl}/r/0000000000`)
    await page.getByText('Scan the sticker on the equipment again').waitFor()
    await expectPhoneFriendlyAndAccessible(page, 'unknown-code')
    await page.close()
  })

  it('walks the same way in Chinese for a Chinese browser, with no English left in the words the pages give', async () => {
    const code = await qrCode()
    // The context's locale is what the browser asks for: Accept-Language: zh-CN.
    const context = await browser.newContext({ viewport: CHEAP_PHONE, locale: 'zh-CN' })
    const page = await context.newPage()
    page.setDefaultTimeout(5000)
    const blocked = consoleErrors(page)
    const expectChinese = async (name: string): Promise<void> => {
      await expectPhoneFriendlyAndAccessible(page, `zh-CN-${name}`, 'zh-CN')
      expect(await englishOn(page), `English on the Chinese ${name} page`).toEqual([])
    }

    await page.goto(`${baseUrl}/r/${code}`)
    await expect.poll(() => page.title()).toBe('Booster pump 1')
    // Staff's words (the tips, the notice) stay as written; the page's own are Chinese.
    await page.getByRole('heading', { name: '通知' }).waitFor()
    await page.getByRole('heading', { name: '报修前请先看看' }).waitFor()
    await page.getByRole('heading', { name: '报告问题' }).waitFor()
    await page.getByText('Water off on Tuesday morning').waitFor()
    await page.getByText('Try another tap.').waitFor()
    expect(await page.locator('section.notice time').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 \d{4}年/)
    expect(await page.locator('header').textContent()).toBe('VigilEnglishBooster pump 1Building · Basement')
    // The switch is the first stop of the keyboard.
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').textContent()).toBe('English')
    await expectChinese('report')

    // Spaces only: the browser lets it through (required, three characters), the server sends the form back, in Chinese.
    await page.getByLabel('发生了什么？').fill('   ')
    await page.getByRole('button', { name: '提交报告' }).click()
    await page.getByText('请用几句话描述问题。', { exact: true }).waitFor()
    await page.getByText('请检查表单：').waitFor()
    await expectChinese('report-mistake')

    await page.getByLabel('发生了什么？').fill('12 楼从早上 7 点起没有水')
    await page.getByLabel('照片（可选）').setInputFiles({ name: 'tap.png', mimeType: 'image/png', buffer: TINY_PNG })
    await page.getByLabel('怎样联系您？（可选）').fill('12B 室')
    // The language came from the browser, so the links need not carry it: the browser asks again.
    await Promise.all([page.waitForURL(/\/r\/follow\/[A-Za-z0-9_-]{32}\?sent=1$/), page.getByRole('button', { name: '提交报告' }).click()])
    await page.getByText('谢谢，您的故障报修已收到。').waitFor()
    expect(await page.locator('#status').textContent()).toBe('等待工程师处理')
    await page.getByText('已报修，等待工程师').waitFor()
    expect(await page.locator('img.photo').getAttribute('alt')).toBe('您发送的照片')
    await expectChinese('follow')

    const followUrl = page.url().replace('?sent=1', '')
    await repair('12 楼从早上 7 点起没有水')
    await page.goto(followUrl)
    expect(await page.locator('#status').textContent()).toBe('已修好')
    await page.getByText('工程师报告已修好').waitFor()
    await expectChinese('follow-resolved')
    await Promise.all([page.waitForURL(/\/rate\/rt_/), page.getByRole('button', { name: '评价维修' }).click()])
    await page.getByRole('heading', { name: '我们做得怎么样？' }).waitFor()
    await expectChinese('rating')
    await page.getByLabel('4 分 – 满意').check()
    await page.getByLabel('意见（可选）').fill('一小时内就来水了')
    await page.getByRole('button', { name: '提交评价' }).click()
    await page.getByText('您的评分（4 分，满分 5 分）已记录。').waitFor()
    await expectChinese('rated')
    await page.goto(followUrl)
    await page.getByText('您给这次维修打了 4 分（满分 5 分）。谢谢！').waitFor()

    await page.goto(`${baseUrl}/r/0000000000`)
    await page.getByText('请重新扫描设备上的贴纸').waitFor()
    await expectChinese('unknown-code')

    // The switch at the top: the same page in English, and the choice stays in the links it makes.
    await page.goto(`${baseUrl}/r/${code}`)
    await Promise.all([page.waitForURL(/\?lang=en$/), page.getByRole('link', { name: 'English' }).click()])
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.locator('form').getAttribute('action')).toBe(`/r/${code}?lang=en`)
    await page.getByRole('heading', { name: 'Report a problem' }).waitFor()
    // The form sent back (400) and the unknown code (404) are the only errors the console saw: the CSP let everything through.
    expect(blocked.filter((message) => !/status of (400|404)\b/.test(message))).toEqual([])
    await context.close()
  })
})
