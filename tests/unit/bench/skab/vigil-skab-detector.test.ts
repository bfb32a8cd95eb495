import { describe, expect, it } from 'vitest'
import type { SkabFile } from '../../../../scripts/bench/skab/load-skab.js'
import { DEFAULT_VIGIL_SKAB_CONFIG, vigilSkabDetector } from '../../../../scripts/bench/skab/vigil-skab-detector.js'
import { gaussian } from '../../../helpers/synthetic-series.js'

const COLUMNS = ['Accelerometer1RMS', 'Accelerometer2RMS', 'Current', 'Pressure', 'Temperature', 'Thermocouple', 'Voltage', 'Volume Flow RateRMS']
const FAULT = { from: 600, to: 800 }

/** A pump at a steady operating point, 1 Hz; the flow drops by 3 L/min during FAULT and the motor temperature drifts throughout. */
function syntheticRows(count: number): number[][] {
  const noise = gaussian(7)
  return Array.from({ length: count }, (_, i) => {
    const flow = 32 + 0.3 * noise() - (i >= FAULT.from && i < FAULT.to ? 3 : 0)
    return [0.027 + 0.0002 * noise(), 0.04 + 0.0004 * noise(), 1 + 0.15 * noise(), 0.1 + 0.05 * noise(), 79 - i * 0.004 + 0.05 * noise(), 26 + 0.01 * noise(), 230 + 3 * noise(), flow]
  })
}

/** The harness hands the detector the whole file; this one throws if its labels are read. */
function fileWithoutLabels(): SkabFile {
  const file = { name: 'valve1/0.csv', folder: 'valve1', times: [], columns: COLUMNS, values: [] } as unknown as SkabFile
  return new Proxy(file, {
    get(target, key, receiver) {
      if (key === 'anomaly' || key === 'changepoint') throw new Error(`the detector read the labels (${key})`)
      return Reflect.get(target, key, receiver) as unknown
    }
  })
}

describe('vigilSkabDetector', () => {
  it('fits on the training rows, flags the fault without reading labels, and reports its start, recession and end as changepoints', () => {
    const rows = syntheticRows(1000)
    const times = rows.map((_, i) => Date.UTC(2020, 2, 9) + i * 1000)
    const detector = vigilSkabDetector()(fileWithoutLabels())
    detector.fit(times.slice(0, 400), rows.slice(0, 400), COLUMNS)
    const outputs = rows.slice(400).map((row, i) => detector.step(times[400 + i] as number, row))
    const flagged = outputs.flatMap((output, i) => (output.anomaly ? [400 + i] : []))
    const changepoints = outputs.flatMap((output, i) => (output.changepoint ? [400 + i] : []))

    expect(flagged[0]).toBeGreaterThanOrEqual(FAULT.from)
    expect(flagged[0]).toBeLessThan(FAULT.from + 30)
    expect(flagged.filter((row) => row >= FAULT.from && row < FAULT.to).length).toBeGreaterThan(0.85 * (FAULT.to - FAULT.from))
    expect(flagged.filter((row) => row >= FAULT.to + 60)).toEqual([])
    // Fire, the statistic halving as the flow comes back, clear: three alarms, all around the fault's edges.
    expect(changepoints).toHaveLength(3)
    expect(changepoints[0]).toBe(flagged[0])
    expect(changepoints[1]).toBeGreaterThanOrEqual(FAULT.to)
    expect(changepoints[2]).toBeLessThan(FAULT.to + 60)
  })

  it('emits no recession changepoint when told not to', () => {
    const rows = syntheticRows(1000)
    const detector = vigilSkabDetector({ ...DEFAULT_VIGIL_SKAB_CONFIG, recoveryRatio: 0 })(fileWithoutLabels())
    detector.fit(rows.slice(0, 400).map((_, i) => i * 1000), rows.slice(0, 400), COLUMNS)
    const changepoints = rows.slice(400).filter((row, i) => detector.step((400 + i) * 1000, row).changepoint)
    expect(changepoints).toHaveLength(2)
  })

  it('names a missing sensor column', () => {
    const detector = vigilSkabDetector()(fileWithoutLabels())
    expect(() => detector.fit([0], [[1]], ['Current'])).toThrow(/no column 'Accelerometer1RMS'/)
    expect(() => vigilSkabDetector()(fileWithoutLabels()).step(0, [])).toThrow(/before fit/)
  })
})
