import { describe, expect, it } from 'vitest'
import type { SkabFile } from '../../../../scripts/bench/skab/load-skab.js'
import { selectSkabConfig } from '../../../../scripts/bench/skab/select-skab-config.js'
import type { MakeDetector } from '../../../../scripts/bench/skab/skab-protocol.js'

/** 420 rows one second apart, value = row index; rows 410 on are the fault (changepoint at 410). */
function syntheticFile(): SkabFile {
  const rows = 420
  const anomaly = new Uint8Array(rows)
  anomaly.fill(1, 410)
  const changepoint = new Uint8Array(rows)
  changepoint[410] = 1
  return {
    name: 'valve1/0.csv',
    folder: 'valve1',
    times: Array.from({ length: rows }, (_, i) => i * 1000),
    columns: ['x'],
    values: Array.from({ length: rows }, (_, i) => [i]),
    anomaly,
    changepoint
  }
}

/** Flags rows whose value is at least `from`; a changepoint where the flag switches on. */
const flagFrom = (from: number): MakeDetector => () => {
  let previous = false
  return {
    fit: () => undefined,
    step: (_time, row) => {
      const anomaly = (row[0] ?? 0) >= from
      const changepoint = anomaly && !previous
      previous = anomaly
      return { anomaly, changepoint }
    }
  }
}

describe('selectSkabConfig', () => {
  it('picks the best F1 within the false-alarm budget, scoring every candidate on the selection files only', () => {
    // Test rows 400–419, the fault 410–419. 400: every test row flagged (FAR 100 %); 405: FAR 50 %; 410: perfect; 415: half the fault missed.
    const selection = selectSkabConfig([syntheticFile()], [400, 405, 410, 415], flagFrom, { maxFarPercent: 15 })
    expect(selection.best.config).toBe(410)
    expect(selection.trials.map((trial) => trial.config)).toEqual([400, 405, 410, 415])
    expect(selection.best.scores.outliers.f1).toBe(1)
  })

  it('falls back to every candidate when none is within the budget, and breaks F1 ties by NAB', () => {
    // Both flag every test row (FAR 100 %, so none is within the budget) with the same F1; the one alarming at the fault's start scores the better NAB.
    const late: MakeDetector = () => ({ fit: () => undefined, step: (_time, row) => ({ anomaly: (row[0] ?? 0) >= 400, changepoint: (row[0] ?? 0) === 415 }) })
    const early: MakeDetector = () => ({ fit: () => undefined, step: (_time, row) => ({ anomaly: (row[0] ?? 0) >= 400, changepoint: (row[0] ?? 0) === 410 }) })
    const makers: Record<string, MakeDetector> = { late, early }
    const selection = selectSkabConfig([syntheticFile()], ['late', 'early'], (name) => makers[name] as MakeDetector, { maxFarPercent: 15 })
    expect(selection.best.config).toBe('early')
    expect(() => selectSkabConfig([syntheticFile()], [], flagFrom, { maxFarPercent: 15 })).toThrow(/no candidates/)
  })
})
