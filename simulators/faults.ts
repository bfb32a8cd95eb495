import type { EquipmentType } from '../core/domain/equipment.js'
import { isValidId } from '../core/domain/ids.js'

/** Faults a simulated device can develop; `any` applies to every equipment type. */
export const FAULT_KINDS = {
  'bearing-overheat': {
    equipmentType: 'pump',
    description: 'Drive-end bearing heats up ~0.5 °C/s to +60 °C over the fault duration; vibration and current rise with it'
  },
  'door-sluggish': {
    equipmentType: 'elevator',
    description: 'Door close time climbs from ~3 s to ~7 s over the fault duration'
  },
  'pressure-loss': {
    equipmentType: 'fire_system',
    description: 'Sprinkler main pressure falls from ~7 bar to ~4 bar over the fault duration; the jockey pump runs non-stop'
  },
  'sensor-stuck': {
    equipmentType: 'any',
    description: 'Every metric repeats its last value exactly'
  },
  offline: {
    equipmentType: 'any',
    description: 'The device stops publishing and drops its connection without a goodbye (the broker sends its last will)'
  }
} as const satisfies Record<string, { equipmentType: EquipmentType | 'any'; description: string }>

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
