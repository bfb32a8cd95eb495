import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../../../../core/telemetry/decode-telemetry.js'
import { openCsvReadings } from '../../../../rules/replay/csv-readings.js'
import type { CsvReadings } from '../../../../rules/replay/csv-readings.js'

async function readAll(csv: CsvReadings): Promise<Reading[]> {
  const readings: Reading[] = []
  for await (const batch of csv.batches) readings.push(...batch)
  return readings
}

describe('openCsvReadings', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-csv-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('streams every row of a file many chunks long, CRLF or LF, in order, with its columns known up front', async () => {
    const file = path.join(dir, 'long.csv')
    const rows = 50_000
    const lines = ['\uFEFFdatetime;Pressure;Volume Flow RateRMS']
    for (let i = 0; i < rows; i++) lines.push(`${new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString().replace('T', ' ').slice(0, 19)};${i % 7};${i}`)
    await writeFile(file, lines.join(rows % 2 === 0 ? '\r\n' : '\n') + '\r\n')
    const csv = await openCsvReadings(file, { separator: ';' })
    expect(csv.timeColumn).toBe('datetime')
    expect(csv.metrics).toEqual(['pressure', 'volume_flow_raterms'])
    const readings = await readAll(csv)
    expect(readings).toHaveLength(rows)
    expect(csv.rows).toBe(rows)
    expect(readings.every((reading, i) => reading.ts === Date.UTC(2020, 0, 1) + i * 1000 && reading.metrics.volume_flow_raterms === i)).toBe(true)
  })

  it('names the line of a bad time deep in the file', async () => {
    const file = path.join(dir, 'bad.csv')
    const lines = ['time,a']
    for (let i = 0; i < 20_000; i++) lines.push(`${1_600_000_000 + i},${i}`)
    lines[15_000] = 'soon,1'
    await writeFile(file, lines.join('\n'))
    const csv = await openCsvReadings(file, { separator: ',' })
    await expect(readAll(csv)).rejects.toThrow(`${file}:15001: cannot read "soon" in column 'time' as a time`)
  })

  it('says which file it cannot open, and refuses an empty one', async () => {
    await expect(openCsvReadings(path.join(dir, 'missing.csv'), { separator: ',' })).rejects.toThrow(/^cannot read .*missing\.csv: ENOENT/)
    const empty = path.join(dir, 'empty.csv')
    await writeFile(empty, '')
    await expect(openCsvReadings(empty, { separator: ',' })).rejects.toThrow(`${empty}: empty file; expected a header row`)
  })
})
