import { quantileSorted } from 'simple-statistics'
import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'
import { cholesky } from './mahalanobis.js'
import { standardiseRows } from './standardised-rows.js'

export interface MewmaParams {
  /** The metrics of one machine read together, in the order of the vectors given to update(). */
  metrics: readonly string[]
  /** Vectors the baseline (means, scales, correlation) is fitted on. */
  warmupSamples: number
  /** Weight of the newest vector in the smoothed vector (0 < lambda <= 1; 1: no smoothing, a plain Mahalanobis distance). */
  lambda: number
  /** The limit is this quantile of the statistic over the warm-up... */
  quantile: number
  /** ...times this factor. */
  factor: number
  /** Statistic beyond the limit this many vectors in a row before firing. */
  consecutive: number
  /** Added to the diagonal of the correlation matrix, so collinear or flat sensors do not make it singular. */
  ridge: number
  /**
   * Floor of each metric's standard deviation, in the metric's unit (one per metric): a sensor that
   * barely moves during the warm-up must not make a physically negligible offset look like a fault.
   */
  minStdDevs?: readonly number[] | undefined
  /** How fast the baseline means follow the readings while in control (0: fixed at the warm-up's means). */
  baselineAlpha: number
  /**
   * An episode also ends when the statistic falls below this fraction of the episode's peak (0: only
   * when it is back below 0.8 × limit). After a large excursion a machine seldom returns exactly
   * to its old level; without this the detector stays active for good.
   */
  episodeClearRatio: number
  /** After an episode ended that way, the baseline relearns the new level for this many vectors (no firing meanwhile)... */
  settleSamples: number
  /** ...following the readings with this weight. */
  settleAlpha: number
}

interface MewmaState {
  warmup: number[][]
  fitted: boolean
  means: number[]
  scales: number[]
  /** Lower triangle of the Cholesky factor of the (ridged) correlation matrix, row-major d×d. */
  cholesky: number[]
  /** The smoothed standardised deviation from the baseline means. */
  smoothed: number[]
  limit: number
  statistic: number
  peak: number
  streak: number
  settleLeft: number
  active: boolean
  score: number
}

const CLEAR_RATIO = 0.8

/**
 * Multivariate EWMA chart (Lowry et al. 1992): the readings are standardised against a baseline
 * fitted on a warm-up, smoothed as a vector, and the smoothed vector's Mahalanobis distance is
 * compared with a limit learned on the warm-up. Smoothing the vector, not the distance, lets a
 * small shift that persists add up (a flow 1 σ low for a minute stands out) while noise averages
 * away. The baseline means follow slow drift while in control and freeze while active; after a
 * large episode the baseline relearns the level the machine settled at. O(d²) per reading.
 */
export class MewmaDetector extends StatefulDetector<MewmaState, readonly number[]> {
  private readonly d: number
  private readonly y: Float64Array
  /** Scales the statistic so that, for independent healthy readings, it is about χ² with d degrees of freedom. */
  private readonly gain: number

  constructor(private readonly params: MewmaParams) {
    super({
      warmup: [], fitted: false, means: [], scales: [], cholesky: [], smoothed: [], limit: 0, statistic: 0, peak: 0, streak: 0, settleLeft: 0, active: false, score: 0
    })
    this.d = params.metrics.length
    if (this.d < 2) throw new Error('mewma: give at least two metrics')
    if (params.warmupSamples < this.d * 4) throw new Error(`mewma: fit on at least ${this.d * 4} samples (4 per metric)`)
    if (!(params.lambda > 0 && params.lambda <= 1)) throw new Error('mewma: lambda must be in (0, 1]')
    if (params.minStdDevs !== undefined && params.minStdDevs.length !== this.d) throw new Error('mewma: give one minStdDev per metric')
    if (params.settleSamples > 0 && !(params.settleAlpha > 0)) throw new Error('mewma: settleAlpha must be above 0 to relearn after an episode')
    this.y = new Float64Array(this.d)
    this.gain = (2 - params.lambda) / params.lambda
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

  update(_ts: number, values: readonly number[]): DetectorSignal | undefined {
    const state = this.state
    if (!state.fitted) {
      state.warmup.push([...values])
      if (state.warmup.length >= this.params.warmupSamples) this.fit()
      return undefined
    }
    const statistic = this.step(values)
    state.score = statistic / state.limit
    if (state.settleLeft > 0) {
      // Relearn for settleSamples readings and, after that, until the statistic is back within the limit.
      if (state.settleLeft > 1 || statistic <= state.limit) state.settleLeft--
      this.follow(values, this.params.settleAlpha)
      return undefined
    }
    if (state.active) {
      state.peak = Math.max(state.peak, statistic)
      if (statistic >= Math.max(state.limit * CLEAR_RATIO, state.peak * this.params.episodeClearRatio)) return undefined
      state.active = false
      state.streak = 0
      const settled = statistic >= state.limit * CLEAR_RATIO
      if (settled) state.settleLeft = this.params.settleSamples
      const message = settled
        ? `${this.params.metrics.join(', ')} settled near their baseline (distance ${round(statistic, 1)}, down from a peak of ${round(state.peak, 1)}); relearning the baseline`
        : `${this.params.metrics.join(', ')} back at their baseline (distance ${round(statistic, 1)})`
      return { state: 'clear', explanation: { message, value: round(statistic, 2), limit: round(state.limit, 2) } }
    }
    if (statistic > state.limit) {
      state.streak++
      if (state.streak < this.params.consecutive) return undefined
      state.active = true
      state.peak = statistic
      const metric = this.params.metrics[this.mostOff()] ?? '?'
      return {
        state: 'fire',
        explanation: {
          message: `${this.params.metrics.join(', ')} away from their baseline: smoothed distance ${round(statistic, 1)} beyond ${round(state.limit, 1)} (most off: ${metric})`,
          value: round(statistic, 2),
          limit: round(state.limit, 2)
        }
      }
    }
    state.streak = 0
    this.follow(values, this.params.baselineAlpha)
    return undefined
  }

  /** Smooths one vector into the state and returns the scaled squared distance of the smoothed vector. */
  private step(values: readonly number[]): number {
    const { means, scales, smoothed, cholesky: l } = this.state
    const { d, y } = this
    const lambda = this.params.lambda
    let total = 0
    for (let i = 0; i < d; i++) {
      const z = lambda * (((values[i] as number) - (means[i] as number)) / (scales[i] as number)) + (1 - lambda) * (smoothed[i] as number)
      smoothed[i] = z
      // Forward substitution, L y = z: the squared distance is |y|².
      let sum = z
      for (let j = 0; j < i; j++) sum -= (l[i * d + j] as number) * (y[j] as number)
      const yi = sum / (l[i * d + i] as number)
      y[i] = yi
      total += yi * yi
    }
    this.state.statistic = total * this.gain
    return this.state.statistic
  }

  /**
   * The metric contributing most to the distance: z_i · (R⁻¹ z)_i, terms that add up to the squared
   * distance, so a metric off against what the others imply counts, not only one far from its mean.
   * Uses y = L⁻¹ z from the last step(); O(d²), called only when firing.
   */
  private mostOff(): number {
    const { smoothed, cholesky: l } = this.state
    const { d, y } = this
    const w = new Float64Array(d)
    let best = 0
    let bestContribution = -Infinity
    for (let i = d - 1; i >= 0; i--) {
      let sum = y[i] as number
      for (let j = i + 1; j < d; j++) sum -= (l[j * d + i] as number) * (w[j] as number)
      w[i] = sum / (l[i * d + i] as number)
    }
    for (let i = 0; i < d; i++) {
      const contribution = (smoothed[i] as number) * (w[i] as number)
      if (contribution > bestContribution) {
        bestContribution = contribution
        best = i
      }
    }
    return best
  }

  /** Moves the baseline means toward the reading, keeping the smoothed deviation measured from the moved means. */
  private follow(values: readonly number[], alpha: number): void {
    if (alpha <= 0) return
    const { means, scales, smoothed } = this.state
    for (let i = 0; i < this.d; i++) {
      const shift = alpha * ((values[i] as number) - (means[i] as number))
      means[i] = (means[i] as number) + shift
      smoothed[i] = (smoothed[i] as number) - shift / (scales[i] as number)
    }
  }

  private fit(): void {
    const state = this.state
    const { d } = this
    const rows = state.warmup
    const floors = this.params.minStdDevs
    const { means, scales, productSums: correlation } = standardiseRows(rows, d, floors)
    state.means = means
    state.scales = scales
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) correlation[i * d + j] = (correlation[i * d + j] as number) / (rows.length - 1)
      // A metric whose standard deviation was floored gets the floor as its variance too (1 once standardised); otherwise the distance would scale it back up.
      correlation[i * d + i] = 1 + this.params.ridge
    }
    state.cholesky = cholesky(correlation, d)
    state.smoothed = new Array<number>(d).fill(0)
    // The limit: a quantile of the statistic over the warm-up replayed as a stream (smoothing and
    // baseline following included), so it carries the warm-up's own noise and autocorrelation.
    const statistics = rows.map((row) => {
      const statistic = this.step(row)
      this.follow(row, this.params.baselineAlpha)
      return statistic
    })
    statistics.sort((a, b) => a - b)
    state.limit = Math.max(quantileSorted(statistics, this.params.quantile), 1e-9) * this.params.factor
    state.fitted = true
    state.warmup = []
  }
}
