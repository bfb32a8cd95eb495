import type { EquipmentType } from '../core/domain/equipment.js'
import { isValidId } from '../core/domain/ids.js'

/**
 * When a fault has become a failure, the ground truth a detection benchmark scores against:
 * `full-severity` for a fault that develops (the end of its ramp, the state named in `failure`),
 * `onset` for one that is a failure from its first moment (the data is already wrong or missing).
 */
export type FailurePoint = 'full-severity' | 'onset'

/** Faults a simulated device can develop; `any` applies to every equipment type. */
export const FAULT_KINDS = {
  'bearing-overheat': {
    equipmentType: 'pump',
    description: 'Drive-end bearing heats up ~0.5 °C/s to +60 °C over the fault duration; vibration and current rise with it',
    failsAt: 'full-severity',
    failure: 'the bearing runs ~110 °C (+60 °C): its grease breaks down and the motor protection trips the pump'
  },
  'door-sluggish': {
    equipmentType: 'elevator',
    description: 'Door close time climbs from ~3 s to ~7 s over the fault duration',
    failsAt: 'full-severity',
    failure: 'the door takes ~7 s to close, more than twice its normal time: passengers report it and the lift is taken out of service'
  },
  'pressure-loss': {
    equipmentType: 'fire_system',
    description: 'Sprinkler main pressure falls from ~7 bar to ~4 bar over the fault duration; the jockey pump runs non-stop',
    failsAt: 'full-severity',
    failure: 'the main is down to ~4 bar, too low to hold the sprinkler system ready: the fire pump starts and the panel shows it'
  },
  'sensor-stuck': {
    equipmentType: 'any',
    description: 'Every metric repeats its last value exactly',
    failsAt: 'onset',
    failure: 'every reading from the first repeated one is wrong'
  },
  offline: {
    equipmentType: 'any',
    description: 'The device stops publishing and drops its connection without a goodbye (the broker sends its last will)',
    failsAt: 'onset',
    failure: 'the equipment is unwatched from the first missing reading'
  }
} as const satisfies Record<string, { equipmentType: EquipmentType | 'any'; description: string; failsAt: FailurePoint; failure: string }>

export type FaultKind = keyof typeof FAULT_KINDS

export const FAULT_KIND_NAMES = Object.keys(FAULT_KINDS) as FaultKind[]

/** Default time a fault takes to reach full severity. */
export const DEFAULT_FAULT_DURATION_MS = 120_000

export interface FaultSpec {
  kind: FaultKind
  equipmentId: string
}

export function isFaultKind(value: string): value is FaultKind {
  return Object.hasOwn(FAULT_KINDS, value)
}

/** When a fault of `kind` started at `startMs`, reaching full severity `durationMs` later, becomes a failure. */
export function failureAtMs(kind: FaultKind, startMs: number, durationMs: number): number {
  return FAULT_KINDS[kind].failsAt === 'onset' ? startMs : startMs + durationMs
}

export function faultAppliesTo(kind: FaultKind, type: EquipmentType): boolean {
  const target: EquipmentType | 'any' = FAULT_KINDS[kind].equipmentType
  return target === 'any' || target === type
}

/** Parses `KIND:EQUIPMENT_ID`, e.g. `bearing-overheat:hv-a-pump-1`. Whether the equipment exists is checked by the simulator. */
export function parseFaultSpec(text: string): FaultSpec {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) {
    throw new Error(`Invalid fault ${JSON.stringify(text)}: expected KIND:EQUIPMENT_ID, e.g. bearing-overheat:hv-a-pump-1`)
  }
  const kind = text.slice(0, colon)
  const equipmentId = text.slice(colon + 1)
  if (!isFaultKind(kind)) {
    throw new Error(`Unknown fault kind ${JSON.stringify(kind)} in ${JSON.stringify(text)}: expected one of ${FAULT_KIND_NAMES.join(', ')}`)
  }
  if (!isValidId(equipmentId)) {
    throw new Error(`Invalid equipment id ${JSON.stringify(equipmentId)} in ${JSON.stringify(text)}: expected lowercase letters, digits and dashes`)
  }
  return { kind, equipmentId }
}
