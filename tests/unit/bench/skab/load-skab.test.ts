import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SKAB_DIR, loadAnomalyFree, loadSkab, loadSkabFile } from '../../../../scripts/bench/skab/load-skab.js'
import type { SkabFile } from '../../../../scripts/bench/skab/load-skab.js'

const SENSORS = ['Accelerometer1RMS', 'Accelerometer2RMS', 'Current', 'Pressure', 'Temperature', 'Thermocouple', 'Voltage', 'Volume Flow RateRMS']
const TRAIN_ROWS = 400

const sum = (labels: Uint8Array): number => labels.reduce((total, x) => total + x, 0)
const testFigures = (file: SkabFile) => ({
  rows: file.times.length,
  testRows: file.times.length - TRAIN_ROWS,
  anomalousTestRows: sum(file.anomaly.subarray(TRAIN_ROWS)),
  testChangepoints: sum(file.changepoint.subarray(TRAIN_ROWS))
})

describe.skipIf(!existsSync(DEFAULT_SKAB_DIR))(`loadSkab on the real files (needs the SKAB data in ${DEFAULT_SKAB_DIR})`, () => {
  let files: SkabFile[]
  const byName = (name: string): SkabFile => {
    const file = files.find((f) => f.name === name)
    if (file === undefined) throw new Error(`no ${name}`)
    return file
  }
  beforeAll(() => {
    files = loadSkab()
  })

  it('reads the 34 labelled files, folder by folder in numeric order', () => {
    expect(files.map((f) => f.name)).toEqual([
      ...Array.from({ length: 16 }, (_, i) => `valve1/${i}.csv`),
      ...Array.from({ length: 4 }, (_, i) => `valve2/${i}.csv`),
      ...Array.from({ length: 14 }, (_, i) => `other/${i + 1}.csv`)
    ])
    for (const file of files) {
      expect(file.folder).toBe(file.name.split('/')[0])
      expect(file.columns).toEqual(SENSORS)
      expect(file.values).toHaveLength(file.times.length)
      expect(file.values.every((row) => row.length === 8 && row.every(Number.isFinite))).toBe(true)
      expect(file.anomaly).toHaveLength(file.times.length)
      expect(file.changepoint).toHaveLength(file.times.length)
    }
  })

  it('reads the first row of valve1/0.csv exactly, its time as UTC', () => {
    // 2020-03-09 10:14:33;0.0265878;0.0401113;1.3302;0.054711;79.3366;26.0199;233.062;32.0;0.0;0.0
    const file = byName('valve1/0.csv')
    expect(file.times[0]).toBe(Date.UTC(2020, 2, 9, 10, 14, 33))
    expect(file.values[0]).toEqual([0.0265878, 0.0401113, 1.3302, 0.054711, 79.3366, 26.0199, 233.062, 32])
    expect([file.anomaly[0], file.changepoint[0]]).toEqual([0, 0])
  })

  it('matches the README totals over the test parts: 23 801 rows, 12 771 anomalous, 127 changepoints', () => {
    const figures = files.map(testFigures)
    expect(figures.reduce((t, f) => t + f.testRows, 0)).toBe(23_801)
    expect(figures.reduce((t, f) => t + f.anomalousTestRows, 0)).toBe(12_771)
    expect(figures.reduce((t, f) => t + f.testChangepoints, 0)).toBe(127)
  })

  it("matches the README's per-file table", () => {
    const other: [number, number, number, number, number][] = [
      [1, 745, 345, 188, 2],
      [2, 780, 380, 88, 2],
      [3, 1137, 737, 398, 4],
      [4, 1191, 791, 395, 3],
      [5, 1155, 755, 410, 2],
      [6, 1147, 747, 402, 4],
      [7, 1090, 690, 347, 4],
      [8, 1147, 747, 403, 4],
      [9, 1144, 744, 401, 4],
      [10, 1327, 927, 586, 4],
      [11, 1190, 790, 451, 4],
      [12, 1048, 648, 309, 4],
      [13, 923, 523, 265, 4],
      [14, 905, 505, 302, 3]
    ]
    for (const [n, rows, testRows, anomalousTestRows, testChangepoints] of other) {
      expect(testFigures(byName(`other/${n}.csv`)), `other/${n}.csv`).toEqual({ rows, testRows, anomalousTestRows, testChangepoints })
    }
    const ranges = (folder: string) => {
      const figures = files.filter((f) => f.folder === folder).map(testFigures)
      const range = (key: keyof ReturnType<typeof testFigures>) => [Math.min(...figures.map((f) => f[key])), Math.max(...figures.map((f) => f[key]))]
      return { rows: range('rows'), testRows: range('testRows'), anomalousTestRows: range('anomalousTestRows') }
    }
    expect(ranges('valve1')).toEqual({ rows: [1075, 1154], testRows: [675, 754], anomalousTestRows: [337, 405] })
    expect(ranges('valve2')).toEqual({ rows: [995, 1129], testRows: [595, 729], anomalousTestRows: [333, 395] })
    for (const file of files.filter((f) => f.folder !== 'other')) {
      expect(testFigures(file).testChangepoints, file.name).toBe(file.name === 'valve1/2.csv' ? 3 : 4)
    }
  })

  it('has exactly one contiguous run of anomalous rows per file; in other/2.csv it starts at data row 105, inside the training rows', () => {
    for (const file of files) {
      const starts = file.anomaly.filter((x, i) => x === 1 && (i === 0 || file.anomaly[i - 1] === 0)).length
      expect(starts, file.name).toBe(1)
    }
    const other2 = byName('other/2.csv')
    expect(other2.anomaly.indexOf(1)).toBe(104)
    expect(sum(other2.changepoint.subarray(0, TRAIN_ROWS))).toBe(2)
  })

  it('has the sampling intervals the README describes (times parsed to the second)', () => {
    const intervalsS = files.flatMap((f) => f.times.slice(1).map((t, i) => (t - (f.times[i] ?? 0)) / 1000))
    const share = (seconds: number) => intervalsS.filter((s) => s === seconds).length / intervalsS.length
    expect(share(1)).toBeCloseTo(0.947, 3)
    expect(share(2)).toBeCloseTo(0.051, 3)
    expect(intervalsS.filter((s) => s > 2)).toHaveLength(70)
    expect(Math.max(...intervalsS)).toBe(247)
    const other2 = byName('other/2.csv').times
    expect(Math.max(...other2.slice(1).map((t, i) => t - (other2[i] ?? 0)))).toBe(247_000)
  })

  it('reads the anomaly-free file: 9 405 rows, the same 8 sensors, no labels', () => {
    const free = loadAnomalyFree()
    expect(free.name).toBe('anomaly-free/anomaly-free.csv')
    expect(free.columns).toEqual(SENSORS)
    expect(free.times).toHaveLength(9405)
    expect(free.values).toHaveLength(9405)
    expect(Object.keys(free).sort()).toEqual(['columns', 'name', 'times', 'values'])
  })
})

describe('loadSkabFile on malformed input', () => {
  const HEADER = `datetime;${SENSORS.join(';')};anomaly;changepoint`
  const ROW = (time: string, label = '0.0') => `${time};1;2;3;4;5;6;7;8.5;${label};0.0`
  let dir: string
  const write = (lines: readonly string[], eol = '\r\n', folder = 'valve1'): string => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'skab-'))
    mkdirSync(path.join(dir, folder))
    const file = path.join(dir, folder, '0.csv')
    writeFileSync(file, lines.join(eol) + eol)
    return file
  }
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('accepts CRLF and LF line endings alike', () => {
    for (const eol of ['\r\n', '\n']) {
      const file = loadSkabFile(write([HEADER, ROW('2020-03-09 10:14:33'), ROW('2020-03-09 10:14:35', '1.0')], eol))
      expect(file).toMatchObject({ name: 'valve1/0.csv', folder: 'valve1', times: [Date.UTC(2020, 2, 9, 10, 14, 33), Date.UTC(2020, 2, 9, 10, 14, 35)] })
      expect(file.values[1]).toEqual([1, 2, 3, 4, 5, 6, 7, 8.5])
      expect([...file.anomaly]).toEqual([0, 1])
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each([
    ['an empty value', [HEADER, '2020-03-09 10:14:33;;2;3;4;5;6;7;8;0.0;0.0'], /:2: bad number '' in Accelerometer1RMS/],
    ['a missing field', [HEADER, '2020-03-09 10:14:33;1;2;3;4;5;6;7;0.0;0.0'], /:2: expected 11 fields, got 10/],
    ['a time that goes backwards', [HEADER, ROW('2020-03-09 10:14:33'), ROW('2020-03-09 10:14:33')], /:3: datetime does not increase/],
    ['an impossible date', [HEADER, ROW('2020-02-30 10:14:33')], /:2: bad datetime/],
    ['a time zone', [HEADER, ROW('2020-03-09T10:14:33Z')], /:2: bad datetime/],
    ['a label other than 0 or 1', [HEADER, ROW('2020-03-09 10:14:33', '0.5')], /:2: bad anomaly label '0.5'/],
    ['a header without labels', [HEADER.replace(';anomaly;changepoint', ''), '2020-03-09 10:14:33;1;2;3;4;5;6;7;8'], /:1: missing the 'anomaly'/]
  ])('refuses %s, naming the line', (_what, lines, error) => {
    expect(() => loadSkabFile(write(lines))).toThrow(error)
  })

  it('refuses a file outside the labelled folders', () => {
    expect(() => loadSkabFile(write([HEADER, ROW('2020-03-09 10:14:33')], '\r\n', 'anomaly-free'))).toThrow(/not in one of the labelled folders/)
  })
})
