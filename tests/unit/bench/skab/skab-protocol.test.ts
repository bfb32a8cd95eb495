import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SKAB_DIR, loadSkab } from '../../../../scripts/bench/skab/load-skab.js'
import type { SkabFile } from '../../../../scripts/bench/skab/load-skab.js'
import { SKAB_LEADERBOARD, scoreRow } from '../../../../scripts/bench/skab/leaderboard.js'
import { referenceDetectors } from '../../../../scripts/bench/skab/reference-detectors.js'
import { nabWindows } from '../../../../scripts/bench/skab/score-nab.js'
import { runSkab, scoreSkab, SKAB_TRAIN_ROWS, testPart } from '../../../../scripts/bench/skab/skab-protocol.js'
import type { SkabDetector } from '../../../../scripts/bench/skab/skab-protocol.js'

/** A small labelled file: rows one second apart, sensor values [i, 10·i]. */
function syntheticFile(name: string, rowCount: number, changepointRows: readonly number[] = []): SkabFile {
  const changepoint = new Uint8Array(rowCount)
  for (const row of changepointRows) changepoint[row] = 1
  return {
    name,
    folder: 'other',
    times: Array.from({ length: rowCount }, (_, i) => Date.UTC(2020, 0, 1) + i * 1000),
    columns: ['a', 'b'],
    values: Array.from({ length: rowCount }, (_, i) => [i, 10 * i]),
    anomaly: new Uint8Array(rowCount),
    changepoint
  }
}

describe('runSkab', () => {
  it('makes a fresh detector per file, fits it on the training rows only and steps it through every test row in order', () => {
    const files = [syntheticFile('other/1.csv', 405), syntheticFile('other/2.csv', 403)]
    const calls: string[] = []
    const seen: number[][] = []
    const result = runSkab(files, (file): SkabDetector => {
      calls.push(`make ${file.name}`)
      return {
        fit: (times, rows, columns) => {
          calls.push(`fit ${times.length} times, ${rows.length} rows, [${columns.join(',')}], last row ${rows.at(-1)?.join(',')}`)
        },
        step: (time, row) => {
          seen.push([time, ...row])
          return { anomaly: row[0] === 401, changepoint: row[0] === 402 }
        }
      }
    })
    expect(calls).toEqual([
      'make other/1.csv',
      'fit 400 times, 400 rows, [a,b], last row 399,3990',
      'make other/2.csv',
      'fit 400 times, 400 rows, [a,b], last row 399,3990'
    ])
    const t0 = Date.UTC(2020, 0, 1)
    expect(seen.map(([time, a]) => [((time ?? 0) - t0) / 1000, a])).toEqual([
      [400, 400], [401, 401], [402, 402], [403, 403], [404, 404],
      [400, 400], [401, 401], [402, 402]
    ])
    expect(result.predictions.map((p) => [p.file.name, [...p.anomaly], [...p.changepoint]])).toEqual([
      ['other/1.csv', [0, 1, 0, 0, 0], [0, 0, 1, 0, 0]],
      ['other/2.csv', [0, 1, 0], [0, 0, 1]]
    ])
  })

  it('ignores changepoints in the training rows: they open no window', () => {
    // trainRows 4: the changepoint at row 2 is a training row, the one at row 6 opens [6 s, 66 s].
    const file = syntheticFile('other/2.csv', 10, [2, 6])
    const never: SkabDetector = { fit: () => undefined, step: () => ({ anomaly: false, changepoint: false }) }
    const run = runSkab([file], () => never, { trainRows: 4 })
    expect(run.nab).toMatchObject({ windows: 1, missed: 1, standard: 0 })
    expect(run.outliers).toMatchObject({ tn: 6, tp: 0, fp: 0, fn: 0 })
  })

  it('refuses a file with no test rows', () => {
    expect(() => runSkab([syntheticFile('other/1.csv', SKAB_TRAIN_ROWS)], referenceDetectors['all-zeros'])).toThrow(/no test rows/)
  })
})

describe('scoreSkab', () => {
  it('refuses predictions that do not cover exactly the test rows', () => {
    const file = syntheticFile('other/1.csv', 410)
    expect(() => scoreSkab([{ file, anomaly: new Uint8Array(10), changepoint: new Uint8Array(9) }])).toThrow(/10 test rows but 10 anomaly and 9 changepoint/)
  })
})

describe.skipIf(!existsSync(DEFAULT_SKAB_DIR))(`the README's sanity figures on the real files (needs the SKAB data in ${DEFAULT_SKAB_DIR})`, () => {
  let files: SkabFile[]
  beforeAll(() => {
    files = loadSkab()
  })

  // From "Sanity figures for testing an implementation": outlier scores with the pooled confusion
  // matrix, then NAB scores, misses, false positives, detections, raw S and mean delay.
  const expected = {
    'all-zeros': {
      outliers: { f1: 0, farPercent: 0, marPercent: 100, tp: 0, tn: 11030, fp: 0, fn: 12771 },
      nab: { standard: 0, lowFp: 0, lowFn: 0, missed: 127, falsePositives: 0, detected: 0 },
      raw: [-127, -127, -254],
      meanDelayS: Number.NaN
    },
    'all-ones': {
      outliers: { f1: 0.7, farPercent: 100, marPercent: 0, tp: 12771, tn: 0, fp: 11030, fn: 0 },
      nab: { standard: -634.92, lowFp: -1369.84, lowFn: -389.95, missed: 0, falsePositives: 16970, detected: 127 },
      raw: [-1739.7, -3606.4, -1739.7],
      meanDelayS: 0
    },
    'labels-copy': {
      outliers: { f1: 1, farPercent: 0, marPercent: 0, tp: 12771, tn: 11030, fp: 0, fn: 0 },
      nab: { standard: 92.91, lowFp: 92.91, lowFn: 92.91, missed: 9, falsePositives: 0, detected: 118 },
      raw: [109, 109, 100],
      meanDelayS: 0
    },
    'first-row': {
      outliers: { f1: 0, farPercent: 0, marPercent: 100, tp: 0, tn: 11030, fp: 0, fn: 12771 },
      nab: { standard: -1.47, lowFp: -2.94, lowFn: -0.98, missed: 127, falsePositives: 34, detected: 0 },
      raw: [-130.74, -134.48, -257.74],
      meanDelayS: Number.NaN
    },
    'zscore-3': {
      outliers: { f1: 0.76, farPercent: 44.1, marPercent: 15.42, tp: 10802, tn: 6166, fp: 4864, fn: 1969 },
      nab: { standard: -0.24, lowFp: -38.14, lowFn: 14.02, missed: 73, falsePositives: 863, detected: 54 },
      raw: [-127.5981, -223.8826, -200.5981],
      meanDelayS: 14.574
    }
  } as const

  it.each(Object.keys(expected) as (keyof typeof expected)[])('reproduces %s exactly through runSkab', (name) => {
    const want = expected[name]
    const run = runSkab(files, referenceDetectors[name])
    expect(run.outliers).toEqual(want.outliers)
    expect(run.nab).toMatchObject({ ...want.nab, windows: 127 })
    expect([run.nab.raw.standard, run.nab.raw.lowFp, run.nab.raw.lowFn].map((s) => Number(s.toFixed(4)))).toEqual(want.raw)
    if (Number.isNaN(want.meanDelayS)) expect(run.nab.meanDelayMs).toBeNaN()
    else expect(Number((run.nab.meanDelayMs / 1000).toFixed(3))).toBe(want.meanDelayS)
  })

  it('shortens nine windows, in the files the README names, and no file has a changepoint on its first test row', () => {
    const shortened: string[] = []
    for (const file of files) {
      const test = testPart(file)
      expect(test.changepoint[0], file.name).toBe(0)
      for (const window of nabWindows(test.times, test.changepoint)) {
        if (window.startMs !== window.changepointMs) shortened.push(file.name)
      }
    }
    expect(shortened.sort()).toEqual(
      ['other/10.csv', 'other/11.csv', 'other/12.csv', 'other/14.csv', 'other/9.csv', 'valve1/5.csv', 'valve2/1.csv', 'other/8.csv', 'other/8.csv'].sort()
    )
  })

  it("reproduces the leaderboard's Null detector row, and the Perfect detector's outlier figures by copying the labels", () => {
    const published = (algorithm: string) => SKAB_LEADERBOARD.find((row) => row.algorithm === algorithm)
    // The published Null row gives F1, FAR, MAR and NAB only (its missed CPs and FPs are '–').
    expect(published('Null detector')).toEqual({ algorithm: 'Null detector', f1: 0, farPercent: 0, marPercent: 100, nabStandard: 0, nabLowFp: 0, nabLowFn: 0 })
    expect(scoreRow('Null detector', runSkab(files, referenceDetectors['all-zeros']))).toMatchObject(published('Null detector') ?? {})
    const perfect = scoreRow('Perfect detector', runSkab(files, referenceDetectors['labels-copy']))
    expect(perfect).toMatchObject({ f1: 1, farPercent: 0, marPercent: 0 })
    expect(published('Perfect detector')).toMatchObject({ f1: 1, farPercent: 0, marPercent: 0 })
  })

  it("reaches the Perfect detector's NAB 100 / 100 / 100 only by alarming at every (shifted) window start", () => {
    const predictions = files.map((file) => {
      const test = testPart(file)
      const starts = new Set(nabWindows(test.times, test.changepoint).map((w) => w.startMs))
      const changepoint = Uint8Array.from(test.times, (t) => (starts.has(t) ? 1 : 0))
      return { file, anomaly: new Uint8Array(test.times.length), changepoint }
    })
    expect(scoreSkab(predictions).nab).toMatchObject({ standard: 100, lowFp: 100, lowFn: 100, missed: 0, falsePositives: 0, meanDelayMs: 0 })
  })
})
