import { describe, expect, it } from 'vitest'
import { matchAlarms, nabReward, nabWindows, NAB_PROFILES, scoreNab } from '../../../../scripts/bench/skab/score-nab.js'
import type { NabRows } from '../../../../scripts/bench/skab/score-nab.js'

const S = 1000

/** A file of 200 one-second rows (t = 0 … 199 s), changepoints and alarms given in seconds. */
function rows(changepointsS: readonly number[], alarmsS: readonly number[]): NabRows {
  const times = Array.from({ length: 200 }, (_, i) => i * S)
  const at = (seconds: readonly number[]): Uint8Array => {
    const flags = new Uint8Array(times.length)
    for (const t of seconds) flags[t] = 1
    return flags
  }
  return { times, labels: at(changepointsS), predicted: at(alarmsS) }
}

/** One changepoint at 50 s: its window is [50 s, 110 s]. With N = 1 window:
 *  Standard and LowFP = 100 · (S + 1) / 2, LowFN = 100 · (S + 2) / 3. */
const score = (alarmsS: readonly number[]) => scoreNab([rows([50], alarmsS)])

describe('nabReward', () => {
  it('reproduces the README reward table for an unshortened 60 s window', () => {
    const window = { startMs: 0, endMs: 60 * S }
    const table: [delayS: number, standard: number, lowFp: number][] = [
      [0, 1, 1],
      [1, 0.9949, 0.9944],
      [6, 0.9594, 0.9554],
      [15, 0.8416, 0.8259],
      [30, 0.444, 0.389],
      [45, 0.0473, -0.0471],
      [54, -0.0699, -0.1759],
      [59, -0.1049, -0.2144],
      [60, -0.11, -0.22]
    ]
    for (const [delayS, standard, lowFp] of table) {
      expect(nabReward(window, delayS * S, NAB_PROFILES.standard)).toBeCloseTo(standard, 4)
      expect(nabReward(window, delayS * S, NAB_PROFILES.lowFn)).toBeCloseTo(standard, 4)
      expect(nabReward(window, delayS * S, NAB_PROFILES.lowFp)).toBeCloseTo(lowFp, 4)
    }
  })

  it('reads the grid relative to a shortened window: halfway through 30 s is worth what 30 s into 60 s is', () => {
    expect(nabReward({ startMs: 110 * S, endMs: 140 * S }, 125 * S, NAB_PROFILES.standard)).toBe(
      nabReward({ startMs: 0, endMs: 60 * S }, 30 * S, NAB_PROFILES.standard)
    )
  })
})

describe('nabWindows', () => {
  it('opens [t, t + 60 s] right of each changepoint and starts an overlapping window at the previous end', () => {
    // Changepoints at 50, 80 and 150 s: [50, 110]; 80 ≤ 110 so [110, 140]; 150 > 140 so [150, 210].
    const { times, labels } = rows([50, 80, 150], [])
    expect(nabWindows(times, labels)).toEqual([
      { changepointMs: 50 * S, startMs: 50 * S, endMs: 110 * S },
      { changepointMs: 80 * S, startMs: 110 * S, endMs: 140 * S },
      { changepointMs: 150 * S, startMs: 150 * S, endMs: 210 * S }
    ])
  })

  it('also shifts a window that starts exactly where the previous one ends', () => {
    // 50 → [50, 110]; 110 → 110 ≥ 110, start stays 110 (= previous end), end 170.
    const { times, labels } = rows([50, 110], [])
    expect(nabWindows(times, labels).map((w) => [w.startMs / S, w.endMs / S])).toEqual([
      [50, 110],
      [110, 170]
    ])
  })
})

describe('scoreNab on hand-made cases', () => {
  it('perfect detector — one alarm at the changepoint: S = A_tp = 1 → 100 in every profile', () => {
    expect(score([50])).toMatchObject({ standard: 100, lowFp: 100, lowFn: 100, detected: 1, missed: 0, falsePositives: 0, meanDelayMs: 0 })
  })

  it('null detector — no alarm: S = A_fn → 0 in every profile', () => {
    expect(score([])).toMatchObject({ standard: 0, lowFp: 0, lowFn: 0, raw: { standard: -1, lowFp: -1, lowFn: -2 }, missed: 1, falsePositives: 0 })
    expect(score([]).meanDelayMs).toBeNaN()
  })

  it('an alarm 1 s before the changepoint is a false positive and the window is missed (windows only reach right)', () => {
    // Standard S = −0.11 − 1 = −1.11 → 100 · (−0.11) / 2 = −5.5
    // LowFP    S = −0.22 − 1 = −1.22 → 100 · (−0.22) / 2 = −11
    // LowFN    S = −0.11 − 2 = −2.11 → 100 · (−0.11) / 3 = −3.67
    expect(score([49])).toMatchObject({ standard: -5.5, lowFp: -11, lowFn: -3.67, detected: 0, missed: 1, falsePositives: 1 })
  })

  it('a detection 15 s in: k = 250, y = 0.84157 (Standard, LowFN) and 0.82587 (LowFP)', () => {
    // Standard 100 · 1.84157 / 2 = 92.08, LowFP 100 · 1.82587 / 2 = 91.29, LowFN 100 · 2.84157 / 3 = 94.72
    expect(score([65])).toMatchObject({ standard: 92.08, lowFp: 91.29, lowFn: 94.72, detected: 1, meanDelayMs: 15 * S })
  })

  it('later alarms inside the window are neither rewarded nor penalised', () => {
    expect(score([50, 51, 80, 110])).toMatchObject({ standard: 100, lowFp: 100, lowFn: 100, falsePositives: 0 })
    // The earliest alarm is the detection whatever order they come in: 65 s, as above.
    expect(score([65, 100])).toMatchObject({ standard: 92.08, falsePositives: 0 })
  })

  it('a false positive outside any window costs a flat A_fp', () => {
    // Detection at 50 s plus an alarm at 150 s: Standard S = 1 − 0.11 = 0.89 → 94.5,
    // LowFP S = 1 − 0.22 = 0.78 → 89, LowFN S = 0.89 → 100 · 2.89 / 3 = 96.33
    expect(score([50, 150])).toMatchObject({ standard: 94.5, lowFp: 89, lowFn: 96.33, detected: 1, falsePositives: 1 })
  })

  it("an alarm exactly at the window's end still detects it, worth A_fp; one second later it is missed", () => {
    // At 110 s: k = min(1000, 999) = 999, y = A_fp. Standard S = −0.11 → 44.5, LowFP −0.22 → 39, LowFN −0.11 → 63.
    expect(score([110])).toMatchObject({ standard: 44.5, lowFp: 39, lowFn: 63, detected: 1, falsePositives: 0, meanDelayMs: 60 * S })
    expect(score([110]).raw.standard).toBeCloseTo(-0.11, 12)
    // At 111 s: a false positive and a missed window, as for the early alarm.
    expect(score([111])).toMatchObject({ standard: -5.5, lowFp: -11, lowFn: -3.67, detected: 0, falsePositives: 1 })
  })

  it('an alarm on the boundary two windows share counts for both', () => {
    // Changepoints at 50 and 80 s → windows [50, 110] and [110, 140]. Alarms at 50 and 110 s:
    // window 1 is detected at 50 (y = 1), window 2 at its start 110 (y = 1). S = 2 = S_perfect → 100.
    expect(scoreNab([rows([50, 80], [50, 110])])).toMatchObject({ standard: 100, detected: 2, falsePositives: 0 })
    // An alarm at 110 alone detects both: window 1 at its end (−0.11) and window 2 at its start (1).
    // Standard S = 0.89, N = 2 → 100 · (0.89 + 2) / 4 = 72.25
    expect(scoreNab([rows([50, 80], [110])])).toMatchObject({ standard: 72.25, detected: 2, falsePositives: 0 })
  })

  it('misses a changepoint that falls inside the previous window when the only alarm is at that changepoint', () => {
    // Changepoints at 50 and 80 s, one alarm at 80 s: it is window 1's detection 30 s in (k = 500, y = 0.44405),
    // and before window 2's shifted start (110 s), so window 2 is missed. Standard S = 0.44405 − 1 = −0.55595,
    // N = 2 → 100 · (−0.55595 + 2) / 4 = 36.10; LowFP S = 0.38895 − 1 → 34.72; LowFN S = 0.44405 − 2 → 100 · 2.44405 / 6 = 40.73.
    expect(scoreNab([rows([50, 80], [80])])).toMatchObject({ standard: 36.1, lowFp: 34.72, lowFn: 40.73, detected: 1, missed: 1, falsePositives: 0 })
  })

  it('pools files: windows, misses and false positives add up, and the normalisers use the total number of windows', () => {
    // File 1 perfect (S = 1), file 2 null (S = −1): Standard S = 0, N = 2 → 100 · 2 / 4 = 50.
    // LowFN S = 1 − 2 = −1 → 100 · (−1 + 4) / 6 = 50.
    expect(scoreNab([rows([50], [50]), rows([50], [])])).toMatchObject({ standard: 50, lowFp: 50, lowFn: 50, windows: 2, detected: 1, missed: 1 })
  })

  it('counts every alarm of a file without changepoints as a false positive', () => {
    // One window in file 1 (perfect), three alarms in file 2 with no window: Standard S = 1 − 0.33 = 0.67, N = 1 → 83.5.
    expect(scoreNab([rows([50], [50]), rows([], [10, 11, 12])])).toMatchObject({ standard: 83.5, windows: 1, falsePositives: 3 })
  })

  it('refuses predictions that do not cover every row', () => {
    expect(() => scoreNab([{ times: [0, 1000], labels: [0, 1], predicted: [0] }])).toThrow(/predict every test row/)
  })
})

describe('matchAlarms', () => {
  it('reports the detection of each window and the times of the false positives', () => {
    // Windows [50, 110] and [130, 190].
    const { times, labels, predicted } = rows([50, 130], [10, 60, 70, 120, 195])
    const outcome = matchAlarms(nabWindows(times, labels), times, predicted)
    expect(outcome.windows.map((w) => w.detectionMs)).toEqual([60 * S, undefined])
    expect(outcome.falsePositivesMs).toEqual([10 * S, 120 * S, 195 * S])
  })
})
