import { mean, sampleStandardDeviation } from 'simple-statistics'
import type { MakeDetector, SkabDetector } from './skab-protocol.js'

/**
 * The sanity detectors of the SKAB README ("Sanity figures for testing an implementation"), whose
 * scores it publishes: they check the harness, and zscore-3 is a floor any real detector should beat.
 * labels-copy reads the file's labels, so it is a check, not a detector.
 */
export const referenceDetectors = {
  'all-zeros': () => constant(false),
  'all-ones': () => constant(true),
  'labels-copy': (file) => {
    const rowAt = new Map(file.times.map((time, row) => [time, row]))
    return {
      fit: () => undefined,
      step: (time) => {
        const row = rowAt.get(time) ?? -1
        return { anomaly: file.anomaly[row] === 1, changepoint: file.changepoint[row] === 1 }
      }
    }
  },
  'first-row': () => {
    let first = true
    return {
      fit: () => undefined,
      step: () => {
        const changepoint = first
        first = false
        return { anomaly: false, changepoint }
      }
    }
  },
  'zscore-3': () => {
    let means: number[] = []
    let sds: number[] = []
    let previous = false
    return {
      fit: (_times, rows, columns) => {
        const column = (c: number): number[] => rows.map((row) => row[c] ?? Number.NaN)
        means = columns.map((_, c) => mean(column(c)))
        sds = columns.map((_, c) => sampleStandardDeviation(column(c)))
      },
      step: (_time, row) => {
        const anomaly = row.some((x, c) => Math.abs(x - (means[c] ?? Number.NaN)) > 3 * (sds[c] ?? Number.NaN))
        // The first test row compares with "not flagged", so it is a changepoint exactly when it is flagged.
        const changepoint = anomaly !== previous
        previous = anomaly
        return { anomaly, changepoint }
      }
    }
  }
} as const satisfies Record<string, MakeDetector>

function constant(value: boolean): SkabDetector {
  return { fit: () => undefined, step: () => ({ anomaly: value, changepoint: value }) }
}
