import type { SkabFile } from './load-skab.js'
import { scoreNab } from './score-nab.js'
import type { NabScores } from './score-nab.js'
import { scoreOutliers } from './score-outliers.js'
import type { OutlierScores } from './score-outliers.js'

/** SKAB fits on the first 400 rows of each file and scores the rest. */
export const SKAB_TRAIN_ROWS = 400

export interface SkabDetector {
  /** Called once per file with the file's 400 training rows (no labels). */
  fit(times: readonly number[], rows: readonly (readonly number[])[], columns: readonly string[]): void
  /** Called for each test row in time order; returns whether this row is anomalous (outlier problem) and whether a changepoint is reported at this row. Must not look ahead. */
  step(time: number, row: readonly number[]): { anomaly: boolean; changepoint: boolean }
}

/** A fresh detector per file. */
export type MakeDetector = (file: SkabFile) => SkabDetector

export interface SkabRunOptions {
  /** Rows at the start of each file used for fitting and never scored. Default SKAB_TRAIN_ROWS. */
  trainRows?: number
  /** Width of the changepoint scoring window, ms. Default 60 000. */
  windowMs?: number
}

/** One file's predictions, one entry per test row (index 0 is the file's row trainRows). */
export interface SkabFilePrediction {
  file: SkabFile
  anomaly: Uint8Array
  changepoint: Uint8Array
}

export interface SkabScores {
  outliers: OutlierScores
  /** NAB files[] are in the order of the predictions. */
  nab: NabScores
}

export interface SkabRun extends SkabScores {
  predictions: SkabFilePrediction[]
}

/** The test part of a file: times and labels from row trainRows on. */
export function testPart(file: SkabFile, trainRows: number = SKAB_TRAIN_ROWS): Pick<SkabFile, 'times' | 'values' | 'anomaly' | 'changepoint'> {
  return {
    times: file.times.slice(trainRows),
    values: file.values.slice(trainRows),
    anomaly: file.anomaly.subarray(trainRows),
    changepoint: file.changepoint.subarray(trainRows)
  }
}

/** Fits a fresh detector on each file's training rows, steps it through the test rows, and scores the result. */
export function runSkab(files: readonly SkabFile[], makeDetector: MakeDetector, options: SkabRunOptions = {}): SkabRun {
  const trainRows = options.trainRows ?? SKAB_TRAIN_ROWS
  const predictions = files.map((file): SkabFilePrediction => {
    if (file.times.length <= trainRows) throw new Error(`${file.name}: ${file.times.length} rows, no test rows after ${trainRows} training rows`)
    const detector = makeDetector(file)
    detector.fit(file.times.slice(0, trainRows), file.values.slice(0, trainRows), file.columns)
    const testRows = file.times.length - trainRows
    const anomaly = new Uint8Array(testRows)
    const changepoint = new Uint8Array(testRows)
    for (let i = 0; i < testRows; i++) {
      const row = trainRows + i
      const output = detector.step(file.times[row] ?? Number.NaN, file.values[row] ?? [])
      anomaly[i] = output.anomaly ? 1 : 0
      changepoint[i] = output.changepoint ? 1 : 0
    }
    return { file, anomaly, changepoint }
  })
  return { ...scoreSkab(predictions, options), predictions }
}

/** Scores predictions however they were made (each covering exactly the file's test rows). */
export function scoreSkab(predictions: readonly SkabFilePrediction[], options: SkabRunOptions = {}): SkabScores {
  const trainRows = options.trainRows ?? SKAB_TRAIN_ROWS
  const parts = predictions.map(({ file, anomaly, changepoint }) => {
    const test = testPart(file, trainRows)
    if (anomaly.length !== test.times.length || changepoint.length !== test.times.length) {
      throw new Error(`${file.name}: ${test.times.length} test rows but ${anomaly.length} anomaly and ${changepoint.length} changepoint predictions`)
    }
    return { test, anomaly, changepoint }
  })
  return {
    outliers: scoreOutliers(parts.map(({ test, anomaly }) => ({ labels: test.anomaly, predicted: anomaly }))),
    nab: scoreNab(
      parts.map(({ test, changepoint }) => ({ times: test.times, labels: test.changepoint, predicted: changepoint })),
      { windowMs: options.windowMs }
    )
  }
}
