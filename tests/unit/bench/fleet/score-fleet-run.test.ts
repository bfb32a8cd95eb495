import { describe, expect, it } from 'vitest'
import { coveredMs, excusedWindow, median, scoreFleetRun } from '../../../../scripts/bench/fleet/score-fleet-run.js'
import type { AlarmOpening, LabelledFault } from '../../../../scripts/bench/fleet/score-fleet-run.js'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const GRACE = 15 * MIN

/** A ramping fault: onset, failure (full severity) and repair in hours from 0. */
function ramp(equipmentId: string, onsetH: number, failureH: number, repairedH: number): LabelledFault {
  return { kind: 'bearing-overheat', equipmentId, onsetMs: onsetH * HOUR, failureMs: failureH * HOUR, repairedMs: repairedH * HOUR }
}

function alarm(equipmentId: string, atMs: number, ruleId = 'r'): AlarmOpening {
  return { equipmentId, ruleId, atMs }
}

const score = (faults: LabelledFault[], alarms: AlarmOpening[], equipmentIds = ['p1', 'p2']) =>
  scoreFleetRun(faults, alarms, { equipmentIds, startMs: 0, endMs: 10 * DAY, graceMs: GRACE })

describe('scoreFleetRun', () => {
  it('detects a fault by the first alarm of its equipment between onset and failure + grace, with lead = failure − alarm', () => {
    const fault = ramp('p1', 24, 30, 32)
    const result = score([fault], [alarm('p1', 23 * HOUR), alarm('p1', 26 * HOUR, 'first'), alarm('p1', 27 * HOUR, 'second'), alarm('p2', 25 * HOUR)])
    expect(result.outcomes).toEqual([{ fault, detection: alarm('p1', 26 * HOUR, 'first'), leadMs: 4 * HOUR }])
    const bearing = result.kinds.find((kind) => kind.kind === 'bearing-overheat')
    expect(bearing).toEqual({ kind: 'bearing-overheat', instances: 1, detected: 1, detectionRate: 1, medianLeadMs: 4 * HOUR })
  })

  it('counts an alarm within the grace after the failure as a detection with a negative lead, and one after it as a miss', () => {
    const late = score([ramp('p1', 24, 30, 32)], [alarm('p1', 30 * HOUR + 10 * MIN)])
    expect(late.outcomes[0]?.leadMs).toBe(-10 * MIN)
    const tooLate = score([ramp('p1', 24, 30, 32)], [alarm('p1', 30 * HOUR + 16 * MIN)])
    expect(tooLate.outcomes[0]?.detection).toBeUndefined()
    expect(tooLate.kinds.find((kind) => kind.kind === 'bearing-overheat')?.detectionRate).toBe(0)
    // Still under way (failed, not yet repaired): not a false alarm either.
    expect(tooLate.falseAlarms).toEqual([])
  })

  it('calls every alarm outside all of its equipment’s fault windows false, including one after a repair and one on other equipment', () => {
    const before = alarm('p1', 23 * HOUR)
    const afterRepair = alarm('p1', 33 * HOUR)
    const elsewhere = alarm('p2', 26 * HOUR)
    const during = alarm('p1', 31 * HOUR)
    const result = score([ramp('p1', 24, 30, 32)], [before, during, afterRepair, elsewhere])
    expect(result.falseAlarms).toEqual([before, afterRepair, elsewhere])
  })

  it('excuses a step fault’s whole outage, and the grace after its failure when the outage is shorter', () => {
    const stuck: LabelledFault = { kind: 'sensor-stuck', equipmentId: 'p1', onsetMs: 24 * HOUR, failureMs: 24 * HOUR, repairedMs: 30 * HOUR }
    expect(excusedWindow(stuck, GRACE)).toEqual([24 * HOUR, 30 * HOUR])
    const blip: LabelledFault = { kind: 'offline', equipmentId: 'p1', onsetMs: 24 * HOUR, failureMs: 24 * HOUR, repairedMs: 24 * HOUR + 5 * MIN }
    expect(excusedWindow(blip, GRACE)).toEqual([24 * HOUR, 24 * HOUR + GRACE])
    const result = score([stuck], [alarm('p1', 24 * HOUR + 10 * MIN, 'flatline'), alarm('p1', 29 * HOUR)])
    expect(result.outcomes[0]?.leadMs).toBe(-10 * MIN)
    expect(result.falseAlarms).toEqual([])
  })

  it('rates false alarms per day of healthy equipment time: all equipment, less every excused window', () => {
    // Two pumps for 10 days; p1's fault is excused from onset (24 h) to repair (32 h): 20 days − 8 h healthy.
    const result = score([ramp('p1', 24, 30, 32)], [alarm('p1', 100 * HOUR), alarm('p2', 200 * HOUR)])
    expect(result.healthyEquipmentDays).toBeCloseTo(20 - 8 / 24, 12)
    expect(result.falseAlarmsPerEquipmentDay).toBeCloseTo(2 / (20 - 8 / 24), 12)
  })

  it('lists every fault kind, with NaN rates and leads where it has no instances or no detections', () => {
    const result = score([ramp('p1', 24, 30, 32)], [])
    expect(result.kinds.map((kind) => kind.kind)).toEqual(['bearing-overheat', 'door-sluggish', 'pressure-loss', 'sensor-stuck', 'offline'])
    expect(result.kinds[0]).toMatchObject({ instances: 1, detected: 0, detectionRate: 0 })
    expect(result.kinds[0]?.medianLeadMs).toBeNaN()
    expect(result.kinds[1]?.detectionRate).toBeNaN()
  })
})

describe('coveredMs', () => {
  it('measures the union of windows clipped to the run', () => {
    expect(coveredMs([], 0, 100)).toBe(0)
    expect(
      coveredMs(
        [
          [10, 20],
          [15, 30],
          [40, 50],
          [45, 48]
        ],
        0,
        100
      )
    ).toBe(30)
    expect(
      coveredMs(
        [
          [-10, 5],
          [95, 120]
        ],
        0,
        100
      )
    ).toBe(10)
  })
})

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })
})
