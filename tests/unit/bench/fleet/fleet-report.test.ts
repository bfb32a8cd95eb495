import { describe, expect, it } from 'vitest'
import { formatFleetReport, formatLead } from '../../../../scripts/bench/fleet/fleet-report.js'
import type { FleetReportInput } from '../../../../scripts/bench/fleet/fleet-report.js'
import { scoreFleetRun } from '../../../../scripts/bench/fleet/score-fleet-run.js'
import type { LabelledFault } from '../../../../scripts/bench/fleet/score-fleet-run.js'
import { FAULT_KIND_NAMES } from '../../../../simulators/faults.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** 25 faults of every kind on one pump each, each detected 2 h before failure unless `missEvery` says otherwise. */
function input(missEvery = 0, falseAlarms = 0): FleetReportInput {
  const faults: LabelledFault[] = FAULT_KIND_NAMES.flatMap((kind) =>
    Array.from({ length: 25 }, (_, i) => ({ kind, equipmentId: `${kind}-${i}`, onsetMs: DAY, failureMs: DAY + 5 * HOUR, repairedMs: DAY + 6 * HOUR }))
  )
  const alarms = faults.flatMap((fault, i) => (missEvery > 0 && i % missEvery === 0 ? [] : [{ equipmentId: fault.equipmentId, ruleId: 'r', atMs: fault.failureMs - 2 * HOUR }]))
  for (let i = 0; i < falseAlarms; i++) alarms.push({ equipmentId: faults[i]?.equipmentId ?? '', ruleId: 'noisy', atMs: 3 * DAY })
  const score = scoreFleetRun(faults, alarms, { equipmentIds: faults.map((fault) => fault.equipmentId), startMs: 0, endMs: 10 * DAY, graceMs: 15 * 60_000 })
  return { score, heading: ['bench:fleet'], wallMs: 10_000, simulatedMs: 10 * DAY, readings: 1_000_000, details: false, faults }
}

describe('formatFleetReport', () => {
  it('prints each kind beside its target and passes when every kind is detected and false alarms are rare', () => {
    const report = formatFleetReport(input())
    expect(report.pass).toBe(true)
    const bearing = report.lines.find((line) => line.trimStart().startsWith('bearing-overheat'))
    expect(bearing).toMatch(/bearing-overheat\s+25\s+100\.0 %\s+≥ 90 %\s+PASS\s+2\.0 h$/)
    expect(report.lines.find((line) => line.includes('false alarms per equipment-day'))).toMatch(/0\.0000\s+target < 0\.1\s+PASS/)
    expect(report.lines.find((line) => line.includes('wall time'))).toContain('86,400× real time; 1,000,000 readings (100,000/s)')
    expect(report.lines.at(-1)).toBe('PASS')
  })

  it('fails a kind detected below 90 % and a false alarm rate at or above 0.1, naming the rules', () => {
    const missed = formatFleetReport(input(5))
    expect(missed.pass).toBe(false)
    expect(missed.lines.find((line) => line.trimStart().startsWith('bearing-overheat'))).toMatch(/80\.0 %\s+≥ 90 %\s+FAIL/)
    const noisy = formatFleetReport(input(0, 125))
    expect(noisy.pass).toBe(false)
    expect(noisy.lines.find((line) => line.includes('false alarms per equipment-day'))).toMatch(/FAIL .*by rule: noisy 125/)
    expect(noisy.lines.at(-1)).toBe('FAIL')
  })
})

describe('formatLead', () => {
  it('picks hours, minutes or seconds, keeping the sign', () => {
    expect(formatLead(5.42 * HOUR)).toBe('5.4 h')
    expect(formatLead(-10 * 60_000)).toBe('-10.0 min')
    expect(formatLead(45_000)).toBe('45 s')
    expect(formatLead(Number.NaN)).toBe('—')
  })
})
