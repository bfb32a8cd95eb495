import { quantileSorted } from 'simple-statistics'
import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'
import { standardiseRows } from './standardised-rows.js'

export interface MahalanobisParams {
  /** The metrics of one machine read together, in the order of the vectors given to update(). */
  metrics: readonly string[]
  /** Vectors the healthy baseline is fitted on. */
  warmupSamples: number
  /** Weight of the newest distance in the smoothed distance (1: no smoothing). */
  lambda: number
  /** The limit is this quantile of the smoothed distances over the warm-up... */
  quantile: number
  /** ...times this factor. */
  factor: number
  /** Smoothed distance beyond the limit this many vectors in a row before firing. */
  consecutive: number
  /** Added to the diagonal of the (standardised) covariance, so collinear or flat sensors do not make it singular. */
  ridge: number
}

interface MahalanobisState {
  warmup: number[][]
  fitted: boolean
  means: number[]
  scales: number[]
  /** Lower triangle of the Cholesky factor of the standardised covariance, row-major d×d. */
  cholesky: number[]
  limit: number
  smoothed: number
  streak: number
  active: boolean
  score: number
  /** The metric contributing most to the last distance (for the explanation). */
  worst: number
}

/**
 * Multivariate anomaly detection on one machine: the Mahalanobis distance of the standardised
 * reading vector from a baseline fitted on healthy data (mean and covariance of the warm-up),
 * smoothed with an EWMA. Readings that each look normal but do not go together — current up
 * while flow is down — stand out, which no single-metric limit sees. O(d²) per reading.
 */
export class MahalanobisDetector extends StatefulDetector<MahalanobisState, readonly number[]> {
  private readonly d: number
  private readonly z: Float64Array
  private readonly y: Float64Array

  constructor(private readonly params: MahalanobisParams) {
    super({ warmup: [], fitted: false, means: [], scales: [], cholesky: [], limit: 0, smoothed: 0, streak: 0, active: false, score: 0, worst: 0 })
    this.d = params.metrics.length
    if (this.d < 2) throw new Error('mahalanobis: give at least two metrics')
    if (params.warmupSamples < this.d * 4) throw new Error(`mahalanobis: fit on at least ${this.d * 4} samples (4 per metric)`)
    this.z = new Float64Array(this.d)
    this.y = new Float64Array(this.d)
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  get fitted(): boolean {
    return this.state.fitted
  }

  /** Squared distance of one vector from the fitted baseline (before smoothing). */
  distance(values: readonly number[]): number {
    const { means, scales, cholesky } = this.state
    const { d, z, y } = this
    for (let i = 0; i < d; i++) z[i] = ((values[i] as number) - (means[i] as number)) / (scales[i] as number)
    // Solve L y = z; the squared distance is |y|².
    let total = 0
    let worst = 0
    let worstIndex = 0
    for (let i = 0; i < d; i++) {
      let sum = z[i] as number
      for (let j = 0; j < i; j++) sum -= (cholesky[i * d + j] as number) * (y[j] as number)
      const yi = sum / (cholesky[i * d + i] as number)
      y[i] = yi
      total += yi * yi
      if (Math.abs(z[i] as number) > worst) {
        worst = Math.abs(z[i] as number)
        worstIndex = i
      }
    }
    this.state.worst = worstIndex
    return total
  }

  update(_ts: number, values: readonly number[]): DetectorSignal | undefined {
    const state = this.state
    if (!state.fitted) {
      state.warmup.push([...values])
      if (state.warmup.length >= this.params.warmupSamples) this.fit()
      return undefined
    }
    const raw = this.distance(values)
    state.smoothed = this.params.lambda * raw + (1 - this.params.lambda) * state.smoothed
    state.score = state.smoothed / state.limit
    if (state.smoothed > state.limit) {
      state.streak++
      if (!state.active && state.streak >= this.params.consecutive) {
        state.active = true
        const metric = this.params.metrics[state.worst] ?? '?'
        return {
          state: 'fire',
          explanation: {
            message: `${this.params.metrics.join(', ')} no longer go together as when healthy: distance ${round(state.smoothed, 1)} beyond ${round(state.limit, 1)} (most off: ${metric})`,
            value: round(state.smoothed, 2),
            limit: round(state.limit, 2)
          }
        }
      }
      return undefined
    }
    state.streak = 0
    if (state.active && state.smoothed < state.limit * 0.8) {
      state.active = false
      return { state: 'clear', explanation: { message: `${this.params.metrics.join(', ')} back together (distance ${round(state.smoothed, 1)})`, value: round(state.smoothed, 2), limit: round(state.limit, 2) } }
    }
    return undefined
  }

  private fit(): void {
    const state = this.state
    const { d } = this
    const rows = state.warmup
    const { means, scales, productSums: covariance } = standardiseRows(rows, d)
    state.means = means
    state.scales = scales
    // Covariance of the standardised rows (a correlation matrix), plus the ridge.
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) covariance[i * d + j] = (covariance[i * d + j] as number) / (rows.length - 1) + (i === j ? this.params.ridge : 0)
    }
    state.cholesky = cholesky(covariance, d)
    state.fitted = true
    // The limit: a quantile of the smoothed distances the healthy warm-up itself produces.
    let smoothed = 0
    const distances = rows.map((row, index) => {
      const raw = this.distance(row)
      smoothed = index === 0 ? raw : this.params.lambda * raw + (1 - this.params.lambda) * smoothed
      return smoothed
    })
    distances.sort((a, b) => a - b)
    state.limit = Math.max(quantileSorted(distances, this.params.quantile), 1e-9) * this.params.factor
    state.smoothed = smoothed
    state.warmup = []
  }
}

/** Cholesky factor L (lower, row-major) of a symmetric positive definite d×d matrix given by its lower triangle. */
export function cholesky(lower: readonly number[], d: number): number[] {
  const l = new Array<number>(d * d).fill(0)
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower[i * d + j] as number
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number)
      if (i === j) {
        if (sum <= 0) throw new Error('mahalanobis: covariance is not positive definite (raise the ridge)')
        l[i * d + i] = Math.sqrt(sum)
      } else {
        l[i * d + j] = sum / (l[j * d + j] as number)
      }
    }
  }
  return l
}
