import { skabRound } from './skab-round.js'

/** Reward weights of one NAB application profile (NAB's A_tn is never used by SKAB). */
export interface NabProfile {
  /** Reward for a detection at the window's start. */
  aTp: number
  /** Cost of each false positive; also the reward for a detection at the window's end. */
  aFp: number
  /** Cost of each missed window. */
  aFn: number
}

export const NAB_PROFILES = {
  standard: { aTp: 1, aFp: -0.11, aFn: -1 },
  lowFp: { aTp: 1, aFp: -0.22, aFn: -1 },
  lowFn: { aTp: 1, aFp: -0.11, aFn: -2 }
} as const satisfies Record<string, NabProfile>
export type NabProfileName = keyof typeof NAB_PROFILES
const PROFILE_NAMES = Object.keys(NAB_PROFILES) as NabProfileName[]

/** SKAB's detection window: 60 s to the right of each changepoint. */
export const NAB_WINDOW_MS = 60_000

/** The closed scoring window [startMs, endMs] of one labelled changepoint. */
export interface NabWindow {
  changepointMs: number
  startMs: number
  endMs: number
}

/** The test rows of one file, index for index: times (ms), `changepoint` labels and predicted alarms (0/1). */
export interface NabRows {
  times: ArrayLike<number>
  labels: ArrayLike<number>
  predicted: ArrayLike<number>
}

export interface NabWindowOutcome extends NabWindow {
  /** The earliest alarm inside the window, if any; later alarms inside it are ignored. */
  detectionMs?: number
}

/** How one file's alarms met its windows. */
export interface NabFileOutcome {
  windows: NabWindowOutcome[]
  /** Alarms outside every window, each a false positive. */
  falsePositivesMs: number[]
}

export interface NabScores {
  /** Normalised scores, 0 = never alarm, 100 = every window detected at its start with no false positive; rounded to 2 decimals. */
  standard: number
  lowFp: number
  lowFn: number
  /** The unnormalised score S per profile, summed over files, not rounded. */
  raw: Record<NabProfileName, number>
  windows: number
  detected: number
  missed: number
  falsePositives: number
  /** Mean of (detection − possibly shifted window start) over detected windows, ms; NaN when nothing was detected. */
  meanDelayMs: number
  /** Per file, in the order given. */
  files: NabFileOutcome[]
}

/**
 * One window [t, t + windowMs] per labelled changepoint, in time order. A window that starts at or
 * before the previous one's end starts at that end instead (SKAB's "cut right window"); its end
 * stays t + windowMs, so windows never overlap, but two can share a boundary.
 */
export function nabWindows(times: ArrayLike<number>, labels: ArrayLike<number>, windowMs: number = NAB_WINDOW_MS): NabWindow[] {
  const windows: NabWindow[] = []
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue
    const changepointMs = times[i] ?? Number.NaN
    const previous = windows.at(-1)
    const startMs = previous !== undefined && previous.endMs >= changepointMs ? previous.endMs : changepointMs
    windows.push({ changepointMs, startMs, endMs: changepointMs + windowMs })
  }
  return windows
}

const GRID_POINTS = 1000
// np.linspace(-pi/2, pi/2, 1000), computed as NumPy does (start + k·step, the last point set to stop).
const GRID_STEP = Math.PI / (GRID_POINTS - 1)
const GRID_X = Array.from({ length: GRID_POINTS }, (_, k) => (k === GRID_POINTS - 1 ? Math.PI / 2 : k * GRID_STEP + -Math.PI / 2))

/**
 * SKAB's scaled-sigmoid reward for a detection at detectionMs inside a window: A_tp at the start,
 * falling along tanh to A_fp at the end, read off a 1000-point grid.
 */
export function nabReward(window: Pick<NabWindow, 'startMs' | 'endMs'>, detectionMs: number, profile: NabProfile): number {
  const { aTp, aFp } = profile
  const k = Math.min(Math.trunc(((detectionMs - window.startMs) / (window.endMs - window.startMs)) * GRID_POINTS), GRID_POINTS - 1)
  const x = GRID_X[k] ?? Number.NaN
  // The operations in SKAB's order, so the sums agree with it to the last bit.
  return ((((aTp - aFp) / 2) * -1 * Math.tanh(x)) / Math.tanh(Math.PI / 2)) + (aTp - aFp) / 2 + aFp
}

/**
 * Matches one file's alarms (rows predicted 1) to its windows: a window's detection is its
 * earliest alarm within [start, end]; an alarm on a boundary two windows share counts for both;
 * every alarm outside all windows is a false positive.
 */
export function matchAlarms(windows: readonly NabWindow[], times: ArrayLike<number>, predicted: ArrayLike<number>): NabFileOutcome {
  const outcomes: NabWindowOutcome[] = windows.map((window) => ({ ...window }))
  const falsePositivesMs: number[] = []
  for (let i = 0; i < predicted.length; i++) {
    if (predicted[i] !== 1) continue
    const alarmMs = times[i] ?? Number.NaN
    let inside = false
    for (const window of outcomes) {
      if (alarmMs < window.startMs || alarmMs > window.endMs) continue
      inside = true
      if (window.detectionMs === undefined || alarmMs < window.detectionMs) window.detectionMs = alarmMs
    }
    if (!inside) falsePositivesMs.push(alarmMs)
  }
  return { windows: outcomes, falsePositivesMs }
}

/** SKAB's NAB scores for the changepoint problem over the test rows of every file. */
export function scoreNab(files: Iterable<NabRows>, options: { windowMs?: number } = {}): NabScores {
  const windowMs = options.windowMs ?? NAB_WINDOW_MS
  const raw = { standard: 0, lowFp: 0, lowFn: 0 }
  const outcomes: NabFileOutcome[] = []
  let windowCount = 0
  let detected = 0
  let falsePositives = 0
  let delaySumMs = 0

  for (const { times, labels, predicted } of files) {
    if (labels.length !== predicted.length || times.length !== labels.length) {
      throw new Error(`NAB scoring: ${times.length} times, ${labels.length} labels and ${predicted.length} predictions (predict every test row)`)
    }
    const outcome = matchAlarms(nabWindows(times, labels, windowMs), times, predicted)
    outcomes.push(outcome)
    const hits = outcome.windows.filter((w) => w.detectionMs !== undefined)
    windowCount += outcome.windows.length
    detected += hits.length
    falsePositives += outcome.falsePositivesMs.length
    for (const w of hits) delaySumMs += (w.detectionMs ?? 0) - w.startMs

    // Per file first, then added to the total, as SKAB sums its per-file score matrices.
    for (const name of PROFILE_NAMES) {
      const profile = NAB_PROFILES[name]
      let score = profile.aFp * outcome.falsePositivesMs.length + profile.aFn * (outcome.windows.length - hits.length)
      for (const w of hits) score += nabReward(w, w.detectionMs ?? 0, profile)
      raw[name] += score
    }
  }

  const normalised = (name: NabProfileName): number => {
    const { aTp, aFn } = NAB_PROFILES[name]
    const nullScore = aFn * windowCount
    const perfectScore = aTp * windowCount
    return skabRound((100 * (raw[name] - nullScore)) / (perfectScore - nullScore))
  }
  return {
    standard: normalised('standard'),
    lowFp: normalised('lowFp'),
    lowFn: normalised('lowFn'),
    raw,
    windows: windowCount,
    detected,
    missed: windowCount - detected,
    falsePositives,
    meanDelayMs: detected > 0 ? delaySumMs / detected : Number.NaN,
    files: outcomes
  }
}
