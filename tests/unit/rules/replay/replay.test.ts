import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Equipment } from '../../../../core/domain/equipment.js'
import type { Reading } from '../../../../core/telemetry/decode-telemetry.js'
import { parseRuleFile } from '../../../../rules/load-rule-book.js'
import type { RuleBook } from '../../../../rules/rule-definition.js'
import type { ReplayAlertLine } from '../../../../rules/replay/replay-alert-log.js'
import { runReplayCommand } from '../../../../rules/replay/replay-command.js'
import { replay } from '../../../../rules/replay/replay.js'
import { testLogger } from '../../../helpers/test-logger.js'

const RULES = `equipmentType: pump
rules:
  - id: bearing-hot
    title: Bearing hot
    metric: bearing_temp_c
    detector: threshold
    above: 80
    clearAt: 70
    forSeconds: 30
    severity: critical
`
const T0 = Date.UTC(2024, 0, 1)

/** 40 minutes of a reading every 10 s: 50 °C, 90 °C from minute 10 to minute 20. */
function steppedCsv(): string {
  const lines = ['timestamp,Bearing Temp C,Status']
  for (let s = 0; s < 2400; s += 10) lines.push(`${new Date(T0 + s * 1000).toISOString()},${s >= 600 && s < 1200 ? 90 : 50},ok`)
  return lines.join('\n')
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString())
      done()
    }
  })
  return { stream, text: () => chunks.join('') }
}

function parseLines(text: string): ReplayAlertLine[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ReplayAlertLine)
}

describe('vigil replay, run in process', () => {
  let dir: string
  let csvFile: string
  let rulesFile: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-replay-'))
    csvFile = path.join(dir, 'p-7.csv')
    rulesFile = path.join(dir, 'pump.yaml')
    await writeFile(csvFile, steppedCsv())
    await writeFile(rulesFile, RULES)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const run = async (args: string[]) => {
    const stdout = collector()
    const stderr = collector()
    const report = await runReplayCommand(args, { stdout: stdout.stream, stderr: stderr.stream, rulesDir: dir, logger: testLogger() })
    return { report, stdout: stdout.text(), stderr: stderr.text() }
  }

  it('opens the alert when the value has stayed over the limit forSeconds, and resolves it after the hold', async () => {
    const { report, stdout, stderr } = await run([csvFile, '--rules', rulesFile])
    expect(parseLines(stdout)).toEqual([
      {
        time: '2024-01-01T00:10:30.000Z',
        kind: 'opened',
        alertId: expect.any(String) as string,
        equipment: 'p-7',
        rule: 'bearing-hot',
        severity: 'critical',
        message: 'bearing_temp_c 90 above 80 for 30 s',
        metric: 'bearing_temp_c',
        explanation: { value: 90, limit: 80 },
        workOrder: { kind: 'corrective', priority: 'urgent', title: 'Bearing hot: p-7' }
      },
      // Back below clearAt at 00:20:00; resolved once it has stayed clear the 5-minute hold.
      expect.objectContaining({ time: '2024-01-01T00:25:00.000Z', kind: 'resolved', rule: 'bearing-hot' })
    ])
    expect(report).toMatchObject({ rows: 240, readings: 240, skippedCells: 240, firstTs: T0, lastTs: T0 + 2390_000 })
    expect(report?.workOrders).toHaveLength(1)
    expect(stderr).toMatch(/^vigil replay: 240 rows \(2024-01-01T00:00:00.000Z to 2024-01-01T00:39:50.000Z\) in [\d.]+ s, [\d,]+ readings\/s; 2 alert events \(1 opened, 1 resolved\), 1 work order; 240 non-numeric cells skipped\n$/)
  })

  it('writes to --out, takes the rules directory by default, and the equipment id from --equipment', async () => {
    const out = path.join(dir, 'alerts.jsonl')
    const { stdout } = await run([csvFile, '--out', out, '--equipment', 'hv-a-pump-1'])
    expect(stdout).toBe('')
    const lines = parseLines(await readFile(out, 'utf8'))
    expect(lines.map((line) => [line.kind, line.equipment])).toEqual([
      ['opened', 'hv-a-pump-1'],
      ['resolved', 'hv-a-pump-1']
    ])
  })

  it('warns about rules whose metric no column provides, and refuses a type the rules lack', async () => {
    const other = path.join(dir, 'other.csv')
    await writeFile(other, 'time,flow\n2024-01-01T00:00:00Z,1\n')
    const { stdout, stderr } = await run([other, '--rules', rulesFile])
    expect(stdout).toBe('')
    expect(stderr).toContain('vigil replay: rule bearing-hot watches bearing_temp_c, which no column provides (the columns are flow); it will not fire\n')
    await expect(run([csvFile, '--rules', rulesFile, '--type', 'elevator'])).rejects.toThrow(`no elevator rules in ${rulesFile} (it has pump); choose one with --type`)
    await expect(run([csvFile, '--rules', path.join(dir, 'nope.yaml')])).rejects.toThrow(/^--rules .*nope\.yaml: ENOENT/)
    const bad = path.join(dir, 'bad.yaml')
    await writeFile(bad, RULES.replace('above: 80', 'above: hot'))
    await expect(run([csvFile, '--rules', bad])).rejects.toThrow(/bad\.yaml:7 rules\.0\.above: expected a number, got "hot"/)
  })

  it('prints its usage for --help', async () => {
    const { report, stdout } = await run(['--help'])
    expect(report).toBeUndefined()
    expect(stdout).toMatch(/^Usage: vigil replay FILE\.csv/)
  })
})

describe('replay', () => {
  const equipment: Equipment = { id: 'p-1', siteId: 's', buildingId: 'b', type: 'pump', name: 'Pump 1', location: 'B2' }
  const book: RuleBook = new Map([['pump', parseRuleFile('pump.yaml', RULES).rules]])
  /** One reading a minute: `hot` minutes (by index) at 90 °C, the rest at 50 °C. */
  const minutes = (count: number, hot: (minute: number) => boolean): Reading[] =>
    Array.from({ length: count }, (_, m) => ({ ts: T0 + m * 60_000, metrics: { bearing_temp_c: hot(m) ? 90 : 50 } }))

  it('reopens, without a second work order, a condition back within the cooldown', async () => {
    const lines: string[] = []
    const readings = minutes(60, (m) => (m >= 5 && m < 10) || (m >= 20 && m < 25))
    // Batches of any size give the same result.
    const summary = await replay({ batches: [readings.slice(0, 7), readings.slice(7)], book, equipment, lines: { write: (line) => Promise.resolve(void lines.push(line)) }, logger: testLogger() })
    const parsed = lines.map((line) => JSON.parse(line) as ReplayAlertLine)
    // Fires at minute 6 (breached since 5, 60 s ≥ 30 s); clears at 10, resolved at 15; back at 21: reopened.
    expect(parsed.map((line) => [line.kind, line.time.slice(11, 16), line.workOrder === undefined])).toEqual([
      ['opened', '00:06', false],
      ['resolved', '00:15', true],
      ['reopened', '00:21', true],
      ['resolved', '00:30', true]
    ])
    expect(new Set(parsed.map((line) => line.alertId)).size).toBe(1)
    expect(summary.workOrders).toHaveLength(1)
    expect(summary.readings).toBe(60)
  })

  it('stops on a line it cannot write', async () => {
    const failing = { write: () => Promise.reject(new Error('disk full')) }
    await expect(replay({ batches: [minutes(20, (m) => m >= 5)], book, equipment, lines: failing, logger: testLogger() })).rejects.toThrow('disk full')
  })
})
