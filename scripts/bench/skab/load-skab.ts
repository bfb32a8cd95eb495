import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../../../core/project-root.js'

/** The three folders of labelled experiments, in the order SKAB lists them. */
export const SKAB_FOLDERS = ['valve1', 'valve2', 'other'] as const
export type SkabFolder = (typeof SKAB_FOLDERS)[number]

/** SKAB lives beside the project, in ../shared/data/skab (never copied in); SKAB_DIR overrides. */
export const DEFAULT_SKAB_DIR = process.env.SKAB_DIR ?? path.join(projectRoot(), '..', 'shared', 'data', 'skab')

/** One recording without labels (the anomaly-free file). */
export interface SkabSeries {
  /** Path relative to the SKAB folder, e.g. 'valve1/0.csv'. */
  name: string
  /** Row times, UTC epoch ms (the testbed's wall clock read as if it were UTC). */
  times: number[]
  /** The sensor columns, in file order. */
  columns: string[]
  /** Row-major sensor values: values[row][column]. */
  values: number[][]
}

/** One labelled experiment. */
export interface SkabFile extends SkabSeries {
  folder: SkabFolder
  /** 1 on every row inside the fault. */
  anomaly: Uint8Array
  /** 1 on rows where the regime changes. */
  changepoint: Uint8Array
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/** Reads one labelled file (`;`-separated, header row, `datetime` first, labels `0.0`/`1.0`). */
export function loadSkabFile(filePath: string): SkabFile {
  const folder = path.basename(path.dirname(filePath))
  if (!(SKAB_FOLDERS as readonly string[]).includes(folder)) {
    throw new Error(`${filePath}: not in one of the labelled folders (${SKAB_FOLDERS.join(', ')})`)
  }
  return { ...parseTable(filePath, `${folder}/${path.basename(filePath)}`, true), folder: folder as SkabFolder }
}

/** The 34 labelled files: valve1/0–15, valve2/0–3, other/1–14, each folder in numeric order. */
export function loadSkab(dir: string = DEFAULT_SKAB_DIR): SkabFile[] {
  return SKAB_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(dir, folder))
      .filter((entry) => /^\d+\.csv$/.test(entry))
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
      .map((entry) => loadSkabFile(path.join(dir, folder, entry)))
  )
}

/** anomaly-free/anomaly-free.csv: normal operation only, no label columns; not part of the evaluation. */
export function loadAnomalyFree(dir: string = DEFAULT_SKAB_DIR): SkabSeries {
  const { name, times, columns, values } = parseTable(path.join(dir, 'anomaly-free', 'anomaly-free.csv'), 'anomaly-free/anomaly-free.csv', false)
  return { name, times, columns, values }
}

interface ParsedTable extends SkabSeries {
  anomaly: Uint8Array
  changepoint: Uint8Array
}

function parseTable(filePath: string, name: string, labelled: boolean): ParsedTable {
  // The README promises CRLF, but 9 of the 34 labelled files (other/1–8 and other/10) end lines with LF only.
  const lines = readFileSync(filePath, 'utf8').split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  const header = (lines[0] ?? '').split(';')
  function fail(line: number, message: string): never {
    throw new Error(`${filePath}:${line}: ${message}`)
  }

  if (header[0] !== 'datetime') fail(1, `expected 'datetime' as the first column, got '${header[0]}'`)
  const anomalyAt = header.indexOf('anomaly')
  const changepointAt = header.indexOf('changepoint')
  if (labelled && (anomalyAt < 0 || changepointAt < 0)) fail(1, "missing the 'anomaly' or 'changepoint' column")
  if (!labelled && (anomalyAt >= 0 || changepointAt >= 0)) fail(1, 'unexpected label columns')
  const sensorAt: number[] = []
  const columns: string[] = []
  header.forEach((column, i) => {
    if (i > 0 && i !== anomalyAt && i !== changepointAt) {
      sensorAt.push(i)
      columns.push(column)
    }
  })

  const rowCount = lines.length - 1
  const times: number[] = []
  const values: number[][] = []
  const anomaly = new Uint8Array(rowCount)
  const changepoint = new Uint8Array(rowCount)
  for (let r = 0; r < rowCount; r++) {
    const lineNumber = r + 2
    const fields = (lines[r + 1] ?? '').split(';')
    if (fields.length !== header.length) fail(lineNumber, `expected ${header.length} fields, got ${fields.length}`)
    const time = parseDatetime(fields[0] ?? '')
    if (time === undefined) fail(lineNumber, `bad datetime '${fields[0]}'`)
    if (r > 0 && time <= (times[r - 1] ?? -Infinity)) fail(lineNumber, 'datetime does not increase')
    times.push(time)
    values.push(
      sensorAt.map((i) => {
        const value = parseNumber(fields[i] ?? '')
        return value ?? fail(lineNumber, `bad number '${fields[i]}' in ${header[i]}`)
      })
    )
    if (labelled) {
      anomaly[r] = parseLabel(fields[anomalyAt] ?? '') ?? fail(lineNumber, `bad anomaly label '${fields[anomalyAt]}'`)
      changepoint[r] = parseLabel(fields[changepointAt] ?? '') ?? fail(lineNumber, `bad changepoint label '${fields[changepointAt]}'`)
    }
  }
  return { name, times, columns, values, anomaly, changepoint }
}

function parseDatetime(text: string): number | undefined {
  if (!DATETIME.test(text)) return undefined
  const iso = `${text.replace(' ', 'T')}Z`
  const ms = Date.parse(iso)
  // Date.parse accepts some out-of-range fields (2020-02-30); the round trip rejects them.
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso.replace('Z', '.000Z') ? ms : undefined
}

function parseNumber(text: string): number | undefined {
  // Number('') is 0 and Number(' 1') is 1: accept only what a plain decimal literal looks like.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined
  return Number(text)
}

function parseLabel(text: string): 0 | 1 | undefined {
  const value = parseNumber(text)
  return value === 0 ? 0 : value === 1 ? 1 : undefined
}
