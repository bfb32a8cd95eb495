import { FAULT_KIND_NAMES } from '../../../simulators/faults.js'
import type { FaultKind } from '../../../simulators/faults.js'

const DAY_MS = 86_400_000

/** What the scoring needs of an injected fault (see ScheduledFault). */
export interface LabelledFault {
  kind: FaultKind
  equipmentId: string
  onsetMs: number
  failureMs: number
  repairedMs: number
}

/** An alert put into the open state (opened, reopened or flapping): what a person is shown. */
export interface AlarmOpening {
  equipmentId: string
  ruleId: string
  atMs: number
}

export interface ScoringOptions {
  /** The equipment that ran from startMs to endMs, faulty or not. */
  equipmentIds: readonly string[]
  startMs: number
  endMs: number
  /** An alert this soon after the failure still counts as its detection (with a negative lead). */
  graceMs: number
}

export interface FaultOutcome {
  fault: LabelledFault
  /** The first alarm of the equipment in [onset, failure + grace], if any. */
  detection?: AlarmOpening
  /** failure − detection: positive when the alarm came first. */
  leadMs?: number
}

export interface KindScore {
  kind: FaultKind
  instances: number
  detected: number
  /** detected / instances; NaN without instances. */
  detectionRate: number
  /** Median lead of the detected ones; NaN when none was. */
  medianLeadMs: number
}

export interface FleetScore {
  /** One row per fault kind, in FAULT_KIND_NAMES order, instances or not. */
  kinds: KindScore[]
  outcomes: FaultOutcome[]
  /** Alarms outside every fault's window of their equipment. */
  falseAlarms: AlarmOpening[]
  /** Equipment time outside every fault window, in days. */
  healthyEquipmentDays: number
  /** falseAlarms / healthyEquipmentDays. */
  falseAlarmsPerEquipmentDay: number
}

/**
 * Scores alarms against the injected faults. A fault is detected by the first alarm of its
 * equipment (any rule) opened between its onset and its failure plus the grace; its lead time is
 * failure − that alarm. An alarm is excused while a fault of its equipment is under way — from
 * the onset to the repair, or to failure + grace if that is later — and false anywhere else,
 * including after a repair. The false alarm rate is per day of healthy equipment time (time
 * outside those windows).
 */
export function scoreFleetRun(faults: readonly LabelledFault[], alarms: readonly AlarmOpening[], options: ScoringOptions): FleetScore {
  const { graceMs } = options
  const alarmsOf = groupBy(
    [...alarms].sort((a, b) => a.atMs - b.atMs),
    (alarm) => alarm.equipmentId
  )
  const faultsOf = groupBy(faults, (fault) => fault.equipmentId)

  const outcomes = faults.map((fault): FaultOutcome => {
    const detection = (alarmsOf.get(fault.equipmentId) ?? []).find((alarm) => alarm.atMs >= fault.onsetMs && alarm.atMs <= fault.failureMs + graceMs)
    return detection === undefined ? { fault } : { fault, detection, leadMs: fault.failureMs - detection.atMs }
  })

  const falseAlarms = alarms.filter((alarm) => !(faultsOf.get(alarm.equipmentId) ?? []).some((fault) => within(alarm.atMs, excusedWindow(fault, graceMs))))

  let healthyMs = 0
  for (const equipmentId of options.equipmentIds) {
    const windows = (faultsOf.get(equipmentId) ?? []).map((fault) => excusedWindow(fault, graceMs))
    healthyMs += options.endMs - options.startMs - coveredMs(windows, options.startMs, options.endMs)
  }
  const healthyEquipmentDays = healthyMs / DAY_MS

  const kinds = FAULT_KIND_NAMES.map((kind): KindScore => {
    const own = outcomes.filter((outcome) => outcome.fault.kind === kind)
    const leads = own.flatMap((outcome) => (outcome.leadMs === undefined ? [] : [outcome.leadMs]))
    return { kind, instances: own.length, detected: leads.length, detectionRate: own.length === 0 ? Number.NaN : leads.length / own.length, medianLeadMs: median(leads) }
  })

  return { kinds, outcomes, falseAlarms, healthyEquipmentDays, falseAlarmsPerEquipmentDay: healthyEquipmentDays > 0 ? falseAlarms.length / healthyEquipmentDays : Number.NaN }
}

/** [from, to] in which an alarm of the fault's equipment is not false. */
export function excusedWindow(fault: LabelledFault, graceMs: number): [number, number] {
  return [fault.onsetMs, Math.max(fault.repairedMs, fault.failureMs + graceMs)]
}

/** Length of the union of closed intervals, clipped to [startMs, endMs]. */
export function coveredMs(windows: readonly [number, number][], startMs: number, endMs: number): number {
  const clipped = windows.map(([from, to]): [number, number] => [Math.max(from, startMs), Math.min(to, endMs)]).filter(([from, to]) => to > from)
  clipped.sort((a, b) => a[0] - b[0])
  let total = 0
  let reach = Number.NEGATIVE_INFINITY
  for (const [from, to] of clipped) {
    if (to <= reach) continue
    total += to - Math.max(from, reach)
    reach = to
  }
  return total
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function within(ts: number, [from, to]: [number, number]): boolean {
  return ts >= from && ts <= to
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const id = key(item)
    let group = groups.get(id)
    if (group === undefined) groups.set(id, (group = []))
    group.push(item)
  }
  return groups
}
