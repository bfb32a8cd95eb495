import { open } from 'node:fs/promises'
import type { Reading } from '../../core/telemetry/decode-telemetry.js'
import { CsvReadingParser } from './csv-reading-parser.js'
import type { CsvReadingOptions } from './csv-reading-parser.js'
import { ReplayInputError } from './replay-input-error.js'
import { textLineBatches } from './text-line-batches.js'

/** The readings of a CSV file, streamed in file order; its header is already read. */
export interface CsvReadings {
  /** Header of the time column, as written. */
  timeColumn: string
  /** The metric name of every column that becomes one. */
  metrics: string[]
  /** Rows read so far (blank lines not counted). */
  readonly rows: number
  /** Cells left out so far because they were not numbers. */
  readonly skippedCells: number
  /** The readings in file order, a batch per chunk of the file. */
  batches: AsyncIterable<Reading[]>
  /** Closes the file without reading the rest (iterating to the end closes it too). */
  close(): void
}

/**
 * Opens a CSV and reads its header; the rows are read a chunk at a time as `batches` is
 * iterated, so a file of any size takes constant memory. The file is closed when the iteration
 * ends, however it ends. Throws ReplayInputError when the file cannot be opened or its header
 * does not fit; iterating throws it for a row whose time cannot be read.
 */
export async function openCsvReadings(file: string, options: CsvReadingOptions): Promise<CsvReadings> {
  const handle = await open(file).catch((error: unknown) => {
    throw new ReplayInputError(`cannot read ${file}: ${(error as Error).message}`)
  })
  const input = handle.createReadStream({ encoding: 'utf8', highWaterMark: 1 << 16 })
  const lines = textLineBatches(input)
  let parser: CsvReadingParser
  let firstRows: string[]
  try {
    const batch = await lines.next()
    if (batch.done === true) throw new ReplayInputError(`${file}: empty file; expected a header row`)
    firstRows = batch.value.slice(1)
    parser = new CsvReadingParser(batch.value[0] as string, options, file)
  } catch (error) {
    input.destroy()
    throw error
  }
  let rows = 0
  let lineNumber = 1
  const parse = (texts: readonly string[]): Reading[] => {
    const readings: Reading[] = []
    for (const text of texts) {
      const reading = parser.parse(text, ++lineNumber)
      if (reading !== undefined) readings.push(reading)
    }
    rows += readings.length
    return readings
  }
  async function* batches(): AsyncGenerator<Reading[]> {
    try {
      yield parse(firstRows)
      for await (const texts of lines) yield parse(texts)
    } finally {
      input.destroy()
    }
  }
  return {
    timeColumn: parser.timeColumn,
    metrics: parser.metricNames.filter((name) => name !== undefined),
    get rows() {
      return rows
    },
    get skippedCells() {
      return parser.skippedCells
    },
    batches: batches(),
    close: () => input.destroy()
  }
}
