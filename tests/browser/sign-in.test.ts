import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../api/app.js'
import { UserAccountStore } from '../../core/auth/user-accounts.js'
import { EngineerStore } from '../../core/registry/engineer-store.js'
import { RegistryStore } from '../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../helpers/registry-fixture.js'
import { testApiDeps } from '../helpers/test-api.js'
import { testRedis } from '../helpers/test-services.js'
import type { TestRedis } from '../helpers/test-services.js'
import { buildWebApp, describeInChromium, launchChromium, screenshot } from '../helpers/web-browser.js'

const SUITE = 'the web app: sign-in with a username and password, landing on the start page of the role, in headless Chromium'
const PASSWORDS = { mei: 'pump-room-lantern-42', ana: 'night-shift-ladder-7' }

describeInChromium(SUITE, () => {
  let redis: TestRedis
  let app: FastifyInstance
  let browser: Browser
  let web: Awaited<ReturnType<typeof buildWebApp>>
  let baseUrl: string

  beforeAll(async () => {
    web = await buildWebApp()
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await new EngineerStore(redis.redis, redis.keys).put({ id: 'ana-li', name: 'Ana Li', contact: {}, skills: ['pump'], certificates: [], shifts: [], sites: [{ siteId: PUMP.siteId, supervisor: false }] })
    const accounts = new UserAccountStore(redis.redis, redis.keys)
    await accounts.create({ username: 'mei.chen', name: 'Mei Chen', role: 'manager', password: PASSWORDS.mei })
    await accounts.create({ username: 'ana.li', name: 'Ana Li', role: 'engineer', engineerId: 'ana-li', password: PASSWORDS.ana })
    app = await buildApp(await testApiDeps(redis, { registry, webRoot: web.webRoot }))
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await redis?.close()
    await web?.remove()
  })

  async function openSignIn(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    page.setDefaultTimeout(5000)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    return { page, errors, close: () => context.close() }
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('refuses a wrong password with a message, then signs the manager in to the fleet overview, and keeps the tab signed in', async () => {
    const { page, errors, close } = await openSignIn()
    await signIn(page, 'mei.chen', 'not-the-password')
    expect(await page.getByRole('alert').textContent()).toContain('The username or password is not right')
    await screenshot(page, 'sign-in')

    await signIn(page, 'Mei.Chen', PASSWORDS.mei)
    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor()
    // The tab keeps a token the API issued for the account, never the password.
    const kept = await page.evaluate<string | null>("sessionStorage.getItem('vigil.token')")
    expect(kept).toMatch(/^vgl_/)
    expect(await page.evaluate<string>('JSON.stringify({ ...sessionStorage, ...localStorage })')).not.toContain(PASSWORDS.mei)
    await page.reload()
    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor()
    // Signing out ends the session on the server: the token stops working, not only in this tab.
    const ended = page.waitForResponse((response) => response.url().endsWith('/api/v1/sessions/current'))
    await page.getByRole('button', { name: 'Sign out' }).click()
    expect((await ended).status()).toBe(204)
    await page.getByLabel('Username').waitFor()
    const after = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${kept ?? ''}` } })
    expect(after.status).toBe(401)
    expect(errors).toEqual([])
    await close()
  })

  it('signs an engineer in to "My work", first in their navigation', async () => {
    const { page, errors, close } = await openSignIn()
    await signIn(page, 'ana.li', PASSWORDS.ana)
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor()
    const navigation = page.getByRole('navigation', { name: 'Main navigation' })
    expect(await navigation.getByRole('link').allTextContents()).toEqual(['My work', 'Fleet', 'Alerts'])
    // The start page is "My work": its link says it is the current page, before and after following it.
    expect(await navigation.getByRole('link', { name: 'My work' }).getAttribute('aria-current')).toBe('page')
    await navigation.getByRole('link', { name: 'My work' }).click()
    expect(await navigation.getByRole('link', { name: 'My work' }).getAttribute('aria-current')).toBe('page')
    expect(errors).toEqual([])
    await close()
  })
})
