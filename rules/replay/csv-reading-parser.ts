import type { Reading } from '../../core/telemetry/decode-telemetry.js'
import { parseCsvTime } from './csv-time.js'
import { metricColumnName } from './metric-column-name.js'
import { ReplayInputError } from './replay-input-error.js'

export interface CsvReadingOptions {
  /** Field separator: ',' by default; SKAB uses ';'. */
  separator: string
  /** The time column, by its header or its metric name; default: the first named time, timestamp or datetime, else the first. */
  timeColumn?: string | undefined
}

/** Columns a time column is found by when none is named, as metric names. */
const TIME_COLUMN_NAMES: ReadonlySet<string> = new Set(['time', 'timestamp', 'datetime', 'date_time'])

const BLANK = /^\s*$/

/** A plain decimal number, with blanks around it allowed (Number() alone would also take '', '0x1f' and '0b1'). */
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/

/**
 * Turns the rows of one CSV into readings, given its header: the time column becomes the
 * reading's time, every other named column a metric (its header as a metric name), and a cell
 * that is not a number is left out of that row's reading. Fields are split on the separator;
 * quotes around a field are dropped, a separator inside quotes is not supported. Pure: the
 * file is read elsewhere (csv-readings.ts).
 */
export class CsvReadingParser {
  /** Header of the time column, as written. */
  readonly timeColumn: string
  /** Metric name of each column; undefined for the time column and columns without a usable name. */
  readonly metricNames: readonly (string | undefined)[]
  /** Cells left out because they were not numbers. */
  skippedCells = 0
  private readonly timeIndex: number
  private lastTs = Number.NEGATIVE_INFINITY

  constructor(
    headerLine: string,
    private readonly options: CsvReadingOptions,
    private readonly fileName: string
  ) {
    const headers = splitFields(headerLine.replace(/^\uFEFF/, ''), options.separator).map((field) => field.trim())
    const names = headers.map(metricColumnName)
    this.timeIndex = findTimeColumn(headers, names, options.timeColumn, fileName, options.separator)
    this.timeColumn = headers[this.timeIndex] as string
    const columnOf = new Map<string, string>()
    this.metricNames = names.map((name, i) => {
      if (i === this.timeIndex || name === undefined) return undefined
      const other = columnOf.get(name)
      if (other !== undefined) throw new ReplayInputError(`${fileName}:1: columns '${other}' and '${headers[i]}' both become metric ${name}; rename one`)
      columnOf.set(name, headers[i] as string)
      return name
    })
    if (this.metricNames.every((name) => name === undefined)) {
      throw new ReplayInputError(`${fileName}:1: no column besides the time column '${this.timeColumn}' (separator '${options.separator}'; is it the right one?)`)
    }
  }

  /** The reading of one row, or undefined for a blank line. Throws ReplayInputError naming the line when its time cannot be read or goes back. */
  parse(line: string, lineNumber: number): Reading | undefined {
    if (BLANK.test(line)) return undefined
    const fields = splitFields(line, this.options.separator)
    const timeText = (fields[this.timeIndex] ?? '').trim()
    const ts = parseCsvTime(timeText)
    if (ts === undefined) {
      throw new ReplayInputError(
        `${this.fileName}:${lineNumber}: cannot read ${JSON.stringify(timeText)} in column '${this.timeColumn}' as a time (expected ISO-8601, YYYY-MM-DD HH:MM:SS, or epoch seconds or milliseconds)`
      )
    }
    if (ts < this.lastTs) {
      throw new ReplayInputError(`${this.fileName}:${lineNumber}: time ${new Date(ts).toISOString()} is before the previous row's ${new Date(this.lastTs).toISOString()}; replay needs rows in time order`)
    }
    this.lastTs = ts
    const metrics: Record<string, number> = {}
    const names = this.metricNames
    const count = Math.min(fields.length, names.length)
    for (let i = 0; i < count; i++) {
      const name = names[i]
      if (name === undefined) continue
      const cell = fields[i] as string
      if (DECIMAL.test(cell)) metrics[name] = Number(cell)
      else this.skippedCells++
    }
    return { ts, metrics }
  }
}

function splitFields(line: string, separator: string): string[] {
  const fields = line.split(separator)
  if (!line.includes('"')) return fields
  return fields.map((field) => {
    const trimmed = field.trim()
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : field
  })
}

function findTimeColumn(headers: readonly string[], names: readonly (string | undefined)[], wanted: string | undefined, fileName: string, separator: string): number {
  if (wanted === undefined) {
    const named = names.findIndex((name) => name !== undefined && TIME_COLUMN_NAMES.has(name))
    return named >= 0 ? named : 0
  }
  const byHeader = headers.indexOf(wanted)
  if (byHeader >= 0) return byHeader
  const wantedName = metricColumnName(wanted)
  const byName = wantedName === undefined ? -1 : names.indexOf(wantedName)
  if (byName >= 0) return byName
  throw new ReplayInputError(`${fileName}:1: no column '${wanted}' for the time; the columns are ${headers.map((h) => `'${h}'`).join(', ')} (separator '${separator}')`)
}
