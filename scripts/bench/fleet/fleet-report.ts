import { FAULT_KINDS } from '../../../simulators/faults.js'
import type { AlarmOpening, FleetScore, LabelledFault } from './score-fleet-run.js'

/** Issue 5's targets. */
export const FLEET_TARGETS = {
  /** Share of each kind's faults detected before failure (+ grace). */
  detectionRate: 0.9,
  /** False alarms per day of healthy equipment time, strictly below. */
  falseAlarmsPerEquipmentDay: 0.1,
  /** Faults of each kind needed for its rate to mean anything. */
  instances: 20
} as const

export interface FleetReportInput {
  score: FleetScore
  /** Describes the scenario, printed first. */
  heading: string[]
  wallMs: number
  simulatedMs: number
  readings: number
  /** Also list every missed fault and every false alarm. */
  details: boolean
  /** For the details: what each false alarm followed. */
  faults: readonly LabelledFault[]
}

export interface FleetReport {
  lines: string[]
  pass: boolean
}

const HOUR_MS = 3_600_000

/** The table the bench prints: per fault kind its detection rate and median lead beside the targets, then the false alarm rate. */
export function formatFleetReport(input: FleetReportInput): FleetReport {
  const { score } = input
  const lines = [...input.heading, '']
  let pass = true
  lines.push(`  ${'fault kind'.padEnd(18)} ${'instances'.padStart(9)} ${'detected'.padStart(9)}   ${'target'.padEnd(6)}        ${'median lead'.padStart(11)}`)
  for (const kind of score.kinds) {
    const enough = kind.instances >= FLEET_TARGETS.instances
    const ok = enough && kind.detectionRate >= FLEET_TARGETS.detectionRate
    if (!ok) pass = false
    const rate = Number.isNaN(kind.detectionRate) ? '—' : `${(100 * kind.detectionRate).toFixed(1)} %`
    const note = enough ? '' : `   (fewer than ${FLEET_TARGETS.instances} instances: no rate)`
    lines.push(`  ${kind.kind.padEnd(18)} ${String(kind.instances).padStart(9)} ${rate.padStart(9)}   ≥ ${100 * FLEET_TARGETS.detectionRate} %  ${ok ? 'PASS' : 'FAIL'}   ${formatLead(kind.medianLeadMs).padStart(11)}${note}`)
  }
  const falseOk = score.falseAlarmsPerEquipmentDay < FLEET_TARGETS.falseAlarmsPerEquipmentDay
  if (!falseOk) pass = false
  lines.push('')
  lines.push(
    `  false alarms per equipment-day   ${score.falseAlarmsPerEquipmentDay.toFixed(4)}   target < ${FLEET_TARGETS.falseAlarmsPerEquipmentDay}   ${falseOk ? 'PASS' : 'FAIL'}   (${score.falseAlarms.length} in ${score.healthyEquipmentDays.toFixed(1)} healthy equipment-days${byRule(score.falseAlarms)})`
  )
  lines.push('')
  lines.push('  lead = failure − first alert of the equipment; negative: the alert came after the failure, within the grace. Failure is:')
  for (const kind of score.kinds) {
    const { failsAt, failure } = FAULT_KINDS[kind.kind]
    lines.push(`    ${kind.kind.padEnd(18)} ${failsAt === 'onset' ? 'at onset' : 'at full severity'}: ${failure}`)
  }
  lines.push('')
  const speedUp = input.simulatedMs / input.wallMs
  lines.push(
    `  wall time ${(input.wallMs / 1000).toFixed(1)} s for ${(input.simulatedMs / 86_400_000).toFixed(0)} simulated days: ${Math.round(speedUp).toLocaleString('en')}× real time; ${input.readings.toLocaleString('en')} readings (${Math.round(input.readings / (input.wallMs / 1000)).toLocaleString('en')}/s)`
  )
  if (input.details) lines.push('', ...detailLines(input))
  lines.push('', pass ? 'PASS' : 'FAIL')
  return { lines, pass }
}

/** `5.4 h`, `-10.0 min`, `45 s`; `—` for none. */
export function formatLead(ms: number): string {
  if (Number.isNaN(ms)) return '—'
  const magnitude = Math.abs(ms)
  if (magnitude >= HOUR_MS) return `${(ms / HOUR_MS).toFixed(1)} h`
  if (magnitude >= 60_000) return `${(ms / 60_000).toFixed(1)} min`
  return `${Math.round(ms / 1000)} s`
}

function byRule(alarms: readonly AlarmOpening[]): string {
  if (alarms.length === 0) return ''
  const counts = new Map<string, number>()
  for (const alarm of alarms) counts.set(alarm.ruleId, (counts.get(alarm.ruleId) ?? 0) + 1)
  return `; by rule: ${[...counts].map(([rule, count]) => `${rule} ${count}`).join(', ')}`
}

function detailLines({ score, faults }: FleetReportInput): string[] {
  const lines: string[] = ['  first alert of each detected fault, by rule:']
  for (const kind of score.kinds) {
    const detections = score.outcomes.flatMap((outcome) => (outcome.fault.kind === kind.kind && outcome.detection !== undefined ? [outcome.detection] : []))
    lines.push(`    ${kind.kind.padEnd(18)} ${byRule(detections).replace(/^; by rule: /, '') || '—'}`)
  }
  const missed = score.outcomes.filter((outcome) => outcome.detection === undefined)
  lines.push(`  missed faults: ${missed.length}`)
  for (const { fault } of missed) lines.push(`    ${fault.kind} on ${fault.equipmentId} from ${iso(fault.onsetMs)}, failure ${formatLead(fault.failureMs - fault.onsetMs)} later`)
  lines.push(`  false alarms: ${score.falseAlarms.length}`)
  for (const alarm of score.falseAlarms) {
    const previous = faults.filter((fault) => fault.equipmentId === alarm.equipmentId && fault.repairedMs <= alarm.atMs).at(-1)
    const after = previous === undefined ? 'no fault before it' : `${formatLead(alarm.atMs - previous.repairedMs)} after ${previous.kind} was repaired`
    lines.push(`    ${alarm.ruleId} on ${alarm.equipmentId} at ${iso(alarm.atMs)} (${after})`)
  }
  return lines
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}
