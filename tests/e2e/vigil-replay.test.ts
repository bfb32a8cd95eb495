import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReplayAlertLine } from '../../rules/replay/replay-alert-log.js'
import { DEFAULT_SKAB_DIR } from '../../scripts/bench/skab/load-skab.js'

const run = promisify(execFile)
const VIGIL = ['--import', 'tsx', path.join('bin', 'vigil.ts')]

/** Rules for SKAB's columns: in valve1/0.csv the inlet valve closes and the motor housing cools. */
const SKAB_RULES = `equipmentType: pump
rules:
  - id: housing-cooling
    title: Motor housing cooler than usual
    metric: temperature
    detector: threshold
    below: 77
    clearAt: 77.5
    forSeconds: 30
    severity: warning
  - id: flow-range
    title: Flow outside the loop's range
    metric: volume_flow_raterms
    detector: range
    min: 20
    max: 40
    severity: info
`

/** `vigil replay` as a user runs it: a child process, its JSON lines, its summary, its exit code. */
describe('vigil replay', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-replay-cli-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const env = { ...process.env, LOG_LEVEL: 'warn' }

  describe.skipIf(!existsSync(DEFAULT_SKAB_DIR))(`on a SKAB file (needs the SKAB data in ${DEFAULT_SKAB_DIR})`, () => {
    it('writes the alerts the rules raise as JSON lines, and a summary to stderr', { timeout: 30_000 }, async () => {
      const rules = path.join(dir, 'skab-pump.yaml')
      await writeFile(rules, SKAB_RULES)
      const { stdout, stderr } = await run(process.execPath, [...VIGIL, 'replay', path.join(DEFAULT_SKAB_DIR, 'valve1', '0.csv'), '--sep', ';', '--rules', rules, '--equipment', 'skab-valve1-0'], { env })
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ReplayAlertLine)
      const opened = lines.filter((line) => line.kind === 'opened')
      expect(opened.length).toBeGreaterThan(0)
      expect(opened[0]).toMatchObject({ equipment: 'skab-valve1-0', rule: 'housing-cooling', severity: 'warning', metric: 'temperature', explanation: { limit: 77 }, workOrder: { kind: 'corrective', priority: 'normal' } })
      // Inside the labelled fault (valve1/0.csv: 10:24:33 to 10:34:32, the end of the file).
      expect(Date.parse(opened[0]?.time ?? '')).toBeGreaterThanOrEqual(Date.parse('2020-03-09T10:24:33Z'))
      for (const line of lines) expect(Object.keys(line)).toEqual(expect.arrayContaining(['time', 'kind', 'alertId', 'equipment', 'rule', 'severity', 'message']))
      expect(stderr).toMatch(/^vigil replay: 1,147 rows \(2020-03-09T10:14:33\.000Z to 2020-03-09T10:34:32\.000Z\) in [\d.]+ s, [\d,]+ readings\/s; \d+ alert events? \(.*\), \d+ work orders?\n$/)
    })
  })

  it('names the file and line of a row it cannot read, and exits 2', async () => {
    const csv = path.join(dir, 'broken.csv')
    await writeFile(csv, 'time,bearing_temp_c\n2024-01-01T00:00:00Z,50\nnot a time,51\n')
    const failure = await run(process.execPath, [...VIGIL, 'replay', csv], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr.trim() })
    )
    expect(failure.code).toBe(2)
    // The default pump rules watch metrics this file lacks: a warning each, then the error.
    expect(failure.stderr).toMatch(/^vigil replay: rule vibration-rise watches vibration_mm_s, which no column provides/)
    expect(failure.stderr.split('\n').at(-1)).toBe(`vigil: ${csv}:3: cannot read "not a time" in column 'time' as a time (expected ISO-8601, YYYY-MM-DD HH:MM:SS, or epoch seconds or milliseconds)`)
  })
})
