import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** One accessibility rule a page breaks, summarised: which rule, how badly, what it asks for, on how many elements. */
export interface AxeViolation {
  /** The axe-core rule id, e.g. `color-contrast`, `label`; https://dequeuniversity.com/rules/axe/ explains each. */
  id: string
  /** `serious` or `critical` here: lesser ones are left out. */
  impact: string | null
  help: string
  /** How many elements on the page break it. */
  nodes: number
}

let axeSource: Promise<string> | undefined

/**
 * Runs axe-core (the devDependency) on the page as it is now and returns the serious and critical
 * violations, so a test can `expect(await axeViolations(page)).toEqual([])` after each page it visits
 * (axe checks only what is in the DOM: open what should be checked first).
 *
 * axe is put in through the DevTools protocol (`page.evaluate`), not a `<script>` tag, so it runs on
 * pages whose Content-Security-Policy forbids inline scripts (the occupant pages) without the test
 * having to switch the CSP off, and without a CSP error in the console.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8')
  const source = await axeSource
  // Once per document: a navigation drops it.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(source)
  return page.evaluate(async () => {
    interface AxeResults {
      violations: { id: string; impact?: string | null; help: string; nodes: unknown[] }[]
    }
    // The project has no DOM types: what this uses of the page's globals, spelled out.
    const axe = (globalThis as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe
    const results = await axe.run({ resultTypes: ['violations'] })
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact ?? null, help: violation.help, nodes: violation.nodes.length }))
  })
}
