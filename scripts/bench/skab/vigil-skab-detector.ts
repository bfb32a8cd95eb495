import { MewmaDetector } from '../../../rules/detectors/mewma.js'
import type { MakeDetector, SkabDetector } from './skab-protocol.js'

/** How Vigil's detectors are put together for SKAB: one configuration for every file. */
export interface VigilSkabConfig {
  /**
   * The SKAB columns the multivariate chart reads. The two temperatures are left out: they drift
   * for minutes after any load change, and their drift shared with other sensors over a 400-row
   * warm-up teaches the chart correlations that do not hold a few minutes later.
   */
  sensors: readonly string[]
  /** MewmaDetector: weight of the newest reading in the smoothed vector. */
  lambda: number
  /** MewmaDetector: the limit is this quantile of the warm-up's statistic... */
  quantile: number
  /** ...times this factor. */
  factor: number
  /** MewmaDetector: readings beyond the limit in a row before an episode starts. */
  consecutive: number
  ridge: number
  /** MewmaDetector: how fast the baseline follows slow drift while in control. */
  baselineAlpha: number
  /** Floor of each sensor's standard deviation, as a fraction of the magnitude of its warm-up mean (1 % of a flow of 32 L/min is 0.32 L/min). */
  minStdDevFraction: number
  /** MewmaDetector: an episode also ends below this fraction of its peak, and the baseline then relearns for settleSamples readings with weight settleAlpha. */
  episodeClearRatio: number
  settleSamples: number
  settleAlpha: number
  /**
   * Besides the start and end of an episode, report a changepoint once when the statistic of an
   * episode that peaked at least recoveryMinPeak × limit falls below recoveryRatio × its peak: the
   * fault receding. 0 turns it off.
   */
  recoveryRatio: number
  recoveryMinPeak: number
}

export const SKAB_FAST_SENSORS = ['Accelerometer1RMS', 'Accelerometer2RMS', 'Current', 'Pressure', 'Voltage', 'Volume Flow RateRMS'] as const

export const DEFAULT_VIGIL_SKAB_CONFIG: VigilSkabConfig = {
  sensors: SKAB_FAST_SENSORS,
  lambda: 0.05,
  quantile: 0.995,
  factor: 1.5,
  consecutive: 3,
  ridge: 0.01,
  baselineAlpha: 0.01,
  minStdDevFraction: 0.01,
  episodeClearRatio: 0.05,
  settleSamples: 60,
  settleAlpha: 0.05,
  recoveryRatio: 0.5,
  recoveryMinPeak: 4
}

/**
 * SKAB detector made of what Vigil runs: a MewmaDetector over the fast pump sensors, fitted on the
 * file's training rows (the warm-up), then fed the test rows one at a time. Outlier output: the
 * detector is active. Changepoints: the detector fired or cleared (the flag switches, as the
 * published detectors derive them), or an episode began to recede (recoveryRatio). The file given
 * by the harness is never read: the detector sees only the rows, never the labels.
 */
export function vigilSkabDetector(config: VigilSkabConfig = DEFAULT_VIGIL_SKAB_CONFIG): MakeDetector {
  return (): SkabDetector => {
    let detector: MewmaDetector | undefined
    let picks: number[] = []
    let peakScore = 0
    let receded = false

    const pick = (row: readonly number[]): number[] => picks.map((c) => row[c] as number)

    return {
      fit: (times, rows, columns) => {
        picks = config.sensors.map((sensor) => {
          const at = columns.indexOf(sensor)
          if (at < 0) throw new Error(`vigil SKAB detector: no column '${sensor}' in ${columns.join(', ')}`)
          return at
        })
        const warmup = rows.map(pick)
        const minStdDevs = picks.map((_, i) => config.minStdDevFraction * Math.abs(warmup.reduce((sum, row) => sum + (row[i] as number), 0) / warmup.length))
        detector = new MewmaDetector({
          metrics: config.sensors,
          warmupSamples: rows.length,
          lambda: config.lambda,
          quantile: config.quantile,
          factor: config.factor,
          consecutive: config.consecutive,
          ridge: config.ridge,
          minStdDevs,
          baselineAlpha: config.baselineAlpha,
          episodeClearRatio: config.episodeClearRatio,
          settleSamples: config.settleSamples,
          settleAlpha: config.settleAlpha
        })
        warmup.forEach((row, i) => detector?.update(times[i] ?? Number.NaN, row))
      },
      step: (time, row) => {
        if (detector === undefined) throw new Error('vigil SKAB detector: step() before fit()')
        const signal = detector.update(time, pick(row))
        let changepoint = signal !== undefined
        if (signal?.state === 'fire') {
          peakScore = detector.score
          receded = false
        } else if (detector.active) {
          peakScore = Math.max(peakScore, detector.score)
          if (config.recoveryRatio > 0 && !receded && peakScore >= config.recoveryMinPeak && detector.score < config.recoveryRatio * peakScore) {
            receded = true
            changepoint = true
          }
        }
        return { anomaly: detector.active, changepoint }
      }
    }
  }
}
