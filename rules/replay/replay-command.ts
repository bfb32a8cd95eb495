import { open, stat } from 'node:fs/promises'
import { once } from 'node:events'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import type { Equipment, EquipmentType } from '../../core/domain/equipment.js'
import type { Logger } from '../../core/logger.js'
import type { LifecycleConfig } from '../alert-lifecycle.js'
import { loadRuleBook, loadRuleFile } from '../load-rule-book.js'
import type { RuleBook } from '../rule-definition.js'
import { openCsvReadings } from './csv-readings.js'
import type { CsvReadings } from './csv-readings.js'
import { REPLAY_USAGE, parseReplayArgs } from './replay-args.js'
import type { ReplayArgs } from './replay-args.js'
import type { LineSink } from './replay-alert-log.js'
import { ReplayInputError } from './replay-input-error.js'
import { replay } from './replay.js'
import type { ReplaySummary } from './replay.js'

export interface ReplayCommandIo {
  /** Where the JSON lines go without --out, and --help. */
  stdout: Writable
  /** Where warnings and the summary go. */
  stderr: Writable
  /** The rules directory without --rules (RULES_DIR). */
  rulesDir: string
  logger: Logger
  lifecycle?: LifecycleConfig | undefined
}

/** What a finished replay did, and how fast. */
export interface ReplayReport extends ReplaySummary {
  rows: number
  skippedCells: number
  elapsedMs: number
}

/**
 * `vigil replay FILE.csv`: loads the rules, opens the CSV, checks the two fit, runs the replay
 * and prints a summary to stderr. The I/O edge of rules/replay/; replay.ts is the run itself.
 * Returns undefined for --help.
 */
export async function runReplayCommand(argv: readonly string[], io: ReplayCommandIo): Promise<ReplayReport | undefined> {
  const args = parseReplayArgs(argv)
  if (args === 'help') {
    io.stdout.write(`${REPLAY_USAGE}\n`)
    return undefined
  }
  const rulesPath = args.rules ?? io.rulesDir
  const book = await loadRules(rulesPath)
  const type = equipmentTypeOf(args, book, rulesPath)
  const csv = await openCsvReadings(args.file, { separator: args.separator, timeColumn: args.timeColumn })
  let output: Writable | undefined
  try {
    for (const warning of unmatchedMetrics(book, type, csv)) io.stderr.write(`vigil replay: ${warning}\n`)
    output = args.out === undefined ? io.stdout : await openOutput(args.out)
    const started = performance.now()
    const summary = await replay({ batches: csv.batches, book, equipment: replayEquipment(args, type), lines: writableLines(output), logger: io.logger, lifecycle: io.lifecycle })
    const report: ReplayReport = { ...summary, rows: csv.rows, skippedCells: csv.skippedCells, elapsedMs: performance.now() - started }
    io.stderr.write(`${formatReplayReport(report)}\n`)
    return report
  } finally {
    csv.close()
    if (output !== undefined && output !== io.stdout) {
      output.end()
      await finished(output)
    }
  }
}

async function loadRules(rulesPath: string): Promise<RuleBook> {
  const found = await stat(rulesPath).catch((error: unknown) => {
    throw new ReplayInputError(`--rules ${rulesPath}: ${(error as Error).message}`)
  })
  return found.isDirectory() ? loadRuleBook(rulesPath) : loadRuleFile(rulesPath)
}

function equipmentTypeOf(args: ReplayArgs, book: RuleBook, rulesPath: string): EquipmentType {
  const types = [...book.keys()]
  const type = args.type ?? (types.length === 1 ? types[0] : undefined) ?? 'pump'
  if (!book.has(type)) throw new ReplayInputError(`no ${type} rules in ${rulesPath} (it has ${types.join(', ') || 'none'}); choose one with --type`)
  return type
}

/** One warning per rule that watches a metric no column provides: such a rule never fires. */
function unmatchedMetrics(book: RuleBook, type: EquipmentType, csv: CsvReadings): string[] {
  const columns = new Set(csv.metrics)
  return (book.get(type) ?? []).flatMap((rule) => {
    const missing = rule.metrics.filter((metric) => !columns.has(metric))
    if (missing.length === 0) return []
    return [`rule ${rule.id} watches ${missing.join(', ')}, which no column provides (the columns are ${csv.metrics.join(', ')}); it will not fire`]
  })
}

/** The equipment a replay stands for: only its id and type come from the arguments. */
function replayEquipment(args: ReplayArgs, type: EquipmentType): Equipment {
  return { id: args.equipmentId, siteId: 'replay', buildingId: 'replay', type, name: args.equipmentId, location: `replay of ${path.basename(args.file)}` }
}

async function openOutput(file: string): Promise<Writable> {
  const handle = await open(file, 'w').catch((error: unknown) => {
    throw new ReplayInputError(`--out ${file}: ${(error as Error).message}`)
  })
  return handle.createWriteStream()
}

/** Lines to a stream, waiting for it to drain when its buffer is full. */
function writableLines(stream: Writable): LineSink {
  return {
    async write(line) {
      if (!stream.write(line)) await once(stream, 'drain')
    }
  }
}

export function formatReplayReport(report: ReplayReport): string {
  const seconds = report.elapsedMs / 1000
  const perSecond = seconds > 0 ? Math.round(report.readings / seconds) : report.readings
  const span = report.firstTs === undefined || report.lastTs === undefined ? '' : ` (${new Date(report.firstTs).toISOString()} to ${new Date(report.lastTs).toISOString()})`
  const events = [...report.events].map(([kind, count]) => `${count} ${kind}`).join(', ')
  const total = [...report.events.values()].reduce((sum, count) => sum + count, 0)
  return (
    `vigil replay: ${counted(report.rows, 'row')}${span} in ${seconds.toFixed(2)} s, ${counted(perSecond, 'reading')}/s; ` +
    `${counted(total, 'alert event')}${events === '' ? '' : ` (${events})`}, ${counted(report.workOrders.length, 'work order')}` +
    (report.skippedCells > 0 ? `; ${counted(report.skippedCells, 'non-numeric cell')} skipped` : '')
  )
}

function counted(value: number, noun: string): string {
  return `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`
}
