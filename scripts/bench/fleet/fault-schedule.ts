import type { EquipmentType } from '../../../core/domain/equipment.js'
import { FAULT_KINDS, FAULT_KIND_NAMES, failureAtMs, faultAppliesTo } from '../../../simulators/faults.js'
import type { FaultKind } from '../../../simulators/faults.js'
import { createRandom, deriveSeed } from '../../../simulators/random.js'
import type { Random } from '../../../simulators/random.js'

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/** One injected fault with its ground truth: when it starts, when it is a failure, when it is repaired. */
export interface ScheduledFault {
  kind: FaultKind
  equipmentId: string
  onsetMs: number
  /** From the onset to full severity (the model's ramp); for the step kinds, the outage itself. */
  durationMs: number
  /** See FAULT_KINDS[kind].failsAt: the end of the ramp, or the onset for a dead sensor or link. */
  failureMs: number
  /** The fault ends here and the equipment is healthy again. */
  repairedMs: number
}

/**
 * How long each kind takes, drawn per fault. A developing fault ramps to failure over anything
 * from minutes (a bearing running dry, a burst fitting) to days (wear, a slow leak), log-uniform
 * so every scale is represented; it then stays failed until an engineer has fixed it. A stuck
 * sensor or a dead gateway stays so until someone replaces it.
 */
export const FAULT_TIMING: Record<FaultKind, { rampMs: [number, number]; failedForMs: [number, number] }> = {
  'bearing-overheat': { rampMs: [10 * MINUTE_MS, 4 * DAY_MS], failedForMs: [1 * HOUR_MS, 4 * HOUR_MS] },
  'door-sluggish': { rampMs: [1 * HOUR_MS, 5 * DAY_MS], failedForMs: [1 * HOUR_MS, 4 * HOUR_MS] },
  'pressure-loss': { rampMs: [10 * MINUTE_MS, 3 * DAY_MS], failedForMs: [1 * HOUR_MS, 4 * HOUR_MS] },
  'sensor-stuck': { rampMs: [0, 0], failedForMs: [1 * HOUR_MS, 2 * DAY_MS] },
  offline: { rampMs: [0, 0], failedForMs: [10 * MINUTE_MS, 1 * DAY_MS] }
}

export interface ScheduleOptions {
  startMs: number
  endMs: number
  seed: number
  /** Healthy time before an equipment's first fault (equipment in service has a history). Default 1 day. */
  warmUpMs?: number
  /** Healthy time between a repair and the next onset, drawn uniformly. Default 1–4 days. */
  healthyMs?: [number, number]
}

/**
 * A random schedule, the same for the same seed: on each piece of equipment, healthy stretches
 * and faults one after another, none running past `endMs`. Kinds are dealt from a shuffled bag
 * holding its type's own fault twice and each fault every type can have once, so the rarer
 * equipment (three fire systems a fleet) still gets enough of its own kind to give a rate.
 */
export function scheduleFaults(equipment: readonly { id: string; type: EquipmentType }[], options: ScheduleOptions): ScheduledFault[] {
  const warmUpMs = options.warmUpMs ?? DAY_MS
  const [healthyMinMs, healthyMaxMs] = options.healthyMs ?? [DAY_MS, 4 * DAY_MS]
  const faults: ScheduledFault[] = []
  for (const { id, type } of equipment) {
    const random = createRandom(deriveSeed(options.seed, 'fault-schedule', id))
    const bag: FaultKind[] = []
    let at = Math.round(options.startMs + warmUpMs + random.between(0, healthyMaxMs - healthyMinMs))
    for (;;) {
      if (bag.length === 0) bag.push(...shuffled(faultBag(type), random))
      const kind = bag.pop() as FaultKind
      const fault = drawFault(kind, id, at, random)
      if (fault.repairedMs > options.endMs) break
      faults.push(fault)
      at = Math.round(fault.repairedMs + random.between(healthyMinMs, healthyMaxMs))
    }
  }
  return faults.sort((a, b) => a.onsetMs - b.onsetMs || a.equipmentId.localeCompare(b.equipmentId))
}

/** The kinds one bag deals to equipment of `type`: its own kinds twice, the ones every type has once. */
export function faultBag(type: EquipmentType): FaultKind[] {
  return FAULT_KIND_NAMES.filter((kind) => faultAppliesTo(kind, type)).flatMap((kind) => (FAULT_KINDS[kind].equipmentType === 'any' ? [kind] : [kind, kind]))
}

function drawFault(kind: FaultKind, equipmentId: string, onsetMs: number, random: Random): ScheduledFault {
  const timing = FAULT_TIMING[kind]
  const rampMs = timing.rampMs[1] > 0 ? Math.round(logUniform(timing.rampMs, random)) : 0
  const failedForMs = Math.round(logUniform(timing.failedForMs, random))
  // A step fault has no ramp: the model's duration (time to full severity) is then its outage.
  const durationMs = rampMs > 0 ? rampMs : failedForMs
  const failureMs = failureAtMs(kind, onsetMs, durationMs)
  return { kind, equipmentId, onsetMs, durationMs, failureMs, repairedMs: failureMs + failedForMs }
}

function logUniform([min, max]: [number, number], random: Random): number {
  return Math.exp(random.between(Math.log(min), Math.log(max)))
}

function shuffled<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1))
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}
