import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { SkabFilePrediction } from './skab-protocol.js'
import { SKAB_TRAIN_ROWS } from './skab-protocol.js'

/**
 * Writes predictions in the README's hand-in format for an independent check: one CSV per data
 * file at the same relative path (`valve1/0.csv`, …), header `datetime,anomaly,changepoint`, one
 * row per test row, `datetime` as in the data file. Returns the paths written.
 */
export function writeSkabPredictions(outDir: string, predictions: readonly SkabFilePrediction[], trainRows: number = SKAB_TRAIN_ROWS): string[] {
  return predictions.map(({ file, anomaly, changepoint }) => {
    const times = file.times.slice(trainRows)
    if (anomaly.length !== times.length || changepoint.length !== times.length) {
      throw new Error(`${file.name}: ${times.length} test rows but ${anomaly.length} anomaly and ${changepoint.length} changepoint predictions`)
    }
    const lines = times.map((time, i) => `${formatDatetime(time)},${anomaly[i]},${changepoint[i]}`)
    const target = path.join(outDir, file.name)
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, ['datetime,anomaly,changepoint', ...lines, ''].join('\n'))
    return target
  })
}

/** Back to the data files' `YYYY-MM-DD hh:mm:ss` (their times were read as UTC). */
function formatDatetime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}
