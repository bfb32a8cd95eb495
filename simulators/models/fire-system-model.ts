import { BaseDeviceModel, round3 } from './base-device-model.js'
import type { ReadingContext } from './base-device-model.js'
import type { DeviceModelOptions } from './device-model.js'

const HOUR_MS = 3_600_000

/**
 * A sprinkler main held at ≈7.0 bar by a jockey pump, a water tank topped up by a float valve
 * (92.5–97.5 %, a slow swing of 5–8 h) and a 24 V panel battery on float charge (≈27.2 V).
 * The jockey pump runs for 20–60 s about every 45 minutes.
 */
export class FireSystemModel extends BaseDeviceModel {
  readonly equipmentType = 'fire_system' as const
  private readonly pressureOffset: number
  private readonly batteryOffset: number
  private readonly tankPeriodMs: number
  private readonly tankPhase: number
  private jockeyUntilMs = Number.NEGATIVE_INFINITY
  private lastTsMs: number | undefined

  constructor(options: DeviceModelOptions) {
    super(options)
    this.pressureOffset = this.random.between(-0.05, 0.05)
    this.batteryOffset = this.random.between(-0.05, 0.05)
    this.tankPeriodMs = this.random.between(5, 8) * HOUR_MS
    this.tankPhase = this.random.between(0, 2 * Math.PI)
  }

  protected compute({ tsMs, fault, severity }: ReadingContext): Record<string, number> {
    const elapsedMs = this.lastTsMs === undefined ? 0 : Math.max(0, tsMs - this.lastTsMs)
    this.lastTsMs = tsMs
    if (tsMs >= this.jockeyUntilMs && this.random.next() < elapsedMs / (45 * 60_000)) {
      this.jockeyUntilMs = tsMs + this.random.between(20_000, 60_000)
    }
    const loss = fault === 'pressure-loss' ? severity : 0
    const jockeyRunning = fault === 'pressure-loss' || tsMs < this.jockeyUntilMs
    const tank = 95 + 2.5 * Math.sin((2 * Math.PI * tsMs) / this.tankPeriodMs + this.tankPhase)
    return {
      main_pressure_bar: round3(this.noisy(7.0 + this.pressureOffset - 3 * loss, 0.03)),
      tank_level_pct: round3(this.noisy(tank, 0.05)),
      battery_voltage_v: round3(this.noisy(27.2 + this.batteryOffset, 0.03)),
      jockey_pump_running: jockeyRunning ? 1 : 0
    }
  }
}
