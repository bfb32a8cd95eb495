import type { EquipmentType } from '../../core/domain/equipment.js'
import type { FaultKind } from '../faults.js'

/** The fault a model is running, with its start: the ground truth a detection benchmark scores against. */
export interface ActiveFault {
  kind: FaultKind
  startMs: number
  /** Time from the start to full severity. */
  durationMs: number
  /** When the fault was repaired (see DeviceModel.endFault); readings from then on are healthy. */
  endMs?: number
}

/**
 * One simulated sensor gateway. Pure and deterministic: the same seed and the same calls give the
 * same readings. Call `silentAt` and `reading` with non-decreasing times.
 */
export interface DeviceModel {
  readonly equipmentType: EquipmentType
  /** Every catalogue metric of the equipment type at `tsMs`. */
  reading(tsMs: number): Record<string, number>
  /** True when the device publishes nothing at `tsMs`: a short random gap or an `offline` fault. */
  silentAt(tsMs: number): boolean
  /** Starts a fault at `atMs` reaching full severity `durationMs` later; replaces any earlier fault. */
  startFault(kind: FaultKind, atMs: number, durationMs: number): void
  /** Repairs the current fault at `atMs`: from then on the device is healthy (and publishes again). */
  endFault(atMs: number): void
  readonly fault: ActiveFault | undefined
  faultActive(tsMs: number): boolean
}

export interface DeviceModelOptions {
  /** Seed of this device's random streams (see deriveSeed). */
  seed: number
  /** IANA time zone of the site: its local hour drives the daily load cycle. */
  timeZone: string
  /** Chance per `silentAt` call that the device goes silent for 5–30 s. Default 0.001. */
  gapProbability?: number
}
