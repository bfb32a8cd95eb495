import type { EquipmentType } from '../../core/domain/equipment.js'
import { faultAppliesTo } from '../faults.js'
import type { FaultKind } from '../faults.js'
import { createRandom, deriveSeed } from '../random.js'
import type { Random } from '../random.js'
import type { ActiveFault, DeviceModel, DeviceModelOptions } from './device-model.js'
import { SiteClock } from './site-clock.js'

export const DEFAULT_GAP_PROBABILITY = 0.001
const GAP_MIN_MS = 5_000
const GAP_MAX_MS = 30_000

/** What a model computes from: the site's local hour and the fault in progress, if any. */
export interface ReadingContext {
  tsMs: number
  hourOfDay: number
  fault: FaultKind | undefined
  /** 0 at the fault's start, rising linearly to 1 at full severity; 0 without a fault. */
  severity: number
}

/** Fault timing, random gaps and stuck sensors, shared by every model; subclasses compute healthy physics plus their own faults. */
export abstract class BaseDeviceModel implements DeviceModel {
  abstract readonly equipmentType: EquipmentType
  /** Traits and measurement noise. Gaps draw from their own stream so they never shift the readings. */
  protected readonly random: Random
  private readonly gaps: Random
  private readonly clock: SiteClock
  private readonly gapProbability: number
  private silentUntilMs = Number.NEGATIVE_INFINITY
  private current: ActiveFault | undefined
  private last: Record<string, number> | undefined

  constructor(options: DeviceModelOptions) {
    this.random = createRandom(deriveSeed(options.seed, 'readings'))
    this.gaps = createRandom(deriveSeed(options.seed, 'gaps'))
    this.clock = new SiteClock(options.timeZone)
    this.gapProbability = options.gapProbability ?? DEFAULT_GAP_PROBABILITY
  }

  get fault(): ActiveFault | undefined {
    return this.current
  }

  faultActive(tsMs: number): boolean {
    const fault = this.current
    return fault !== undefined && tsMs >= fault.startMs && (fault.endMs === undefined || tsMs < fault.endMs)
  }

  startFault(kind: FaultKind, atMs: number, durationMs: number): void {
    if (!faultAppliesTo(kind, this.equipmentType)) throw new Error(`Fault ${kind} does not apply to ${this.equipmentType} equipment`)
    if (!(durationMs > 0 && Number.isFinite(durationMs))) throw new Error(`Fault duration must be a positive number of milliseconds, got ${durationMs}`)
    this.current = { kind, startMs: atMs, durationMs }
  }

  endFault(atMs: number): void {
    if (this.current === undefined) throw new Error('No fault to end')
    if (atMs < this.current.startMs) throw new Error(`A fault cannot end (${atMs}) before it starts (${this.current.startMs})`)
    this.current = { ...this.current, endMs: atMs }
  }

  silentAt(tsMs: number): boolean {
    if (this.current?.kind === 'offline' && this.faultActive(tsMs)) return true
    if (tsMs < this.silentUntilMs) return true
    if (this.gaps.next() < this.gapProbability) {
      this.silentUntilMs = tsMs + this.gaps.between(GAP_MIN_MS, GAP_MAX_MS)
      return true
    }
    return false
  }

  reading(tsMs: number): Record<string, number> {
    const active = this.faultActive(tsMs) ? this.current : undefined
    if (active?.kind === 'sensor-stuck' && this.last !== undefined) return { ...this.last }
    const severity = active === undefined ? 0 : Math.min(1, (tsMs - active.startMs) / active.durationMs)
    const values = this.compute({ tsMs, hourOfDay: this.clock.hourOfDay(tsMs), fault: active?.kind, severity })
    this.last = values
    return { ...values }
  }

  protected abstract compute(context: ReadingContext): Record<string, number>

  /** Mean plus Gaussian noise of standard deviation `sigma`. */
  protected noisy(mean: number, sigma: number): number {
    return mean + sigma * this.random.gaussian()
  }
}

/** Sensor resolution: three decimals keep the payload short without hiding the noise. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}
