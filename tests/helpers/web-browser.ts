import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { build } from 'vite'
import { describe } from 'vitest'

/** Debian's chromium package; .ci/run installs it. Without it there is no browser to drive. */
export const CHROMIUM = '/usr/bin/chromium'
export const HAVE_CHROMIUM = existsSync(CHROMIUM)
const ROOT = path.join(import.meta.dirname, '..', '..')
/** Screenshots of browser tests, for a person to look at (gitignored). */
export const TEST_OUTPUT = path.join(ROOT, 'test-output')

/** The web app as `npm run build:web` builds it, into a folder of the test's own; returns it and its removal. */
export async function buildWebApp(): Promise<{ webRoot: string; remove: () => Promise<void> }> {
  const webRoot = await mkdtemp(path.join(os.tmpdir(), 'vigil-web-'))
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'silent', build: { outDir: webRoot, emptyOutDir: true } })
  return { webRoot, remove: () => rm(webRoot, { recursive: true, force: true }) }
}

/** Headless Chromium with the flags this machine needs, and any a test adds (a fake camera, say). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs] })
}

/** Saves a full-page screenshot as test-output/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(TEST_OUTPUT, { recursive: true })
  await page.screenshot({ path: path.join(TEST_OUTPUT, `${name}.png`), fullPage: true })
}

/** A suite that drives Chromium: skipped, saying why, where Debian's chromium is not installed. */
export function describeInChromium(suite: string, body: () => void): void {
  describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? suite : `${suite} (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`, body)
}
