import { BaseDeviceModel, round3 } from './base-device-model.js'
import type { ReadingContext } from './base-device-model.js'
import { dailyLoad } from './daily-load.js'
import type { DeviceModelOptions } from './device-model.js'

/**
 * A booster pump (18.5 kW, rated 36 A) whose duty follows the building's water demand. Healthy:
 * flow 24–56 m³/h, outlet 3.4–4.2 bar, current 26–32 A, bearing 48–56 °C (an hour behind the
 * load), vibration 2.2–2.4 mm/s, each with Gaussian noise.
 */
export class PumpModel extends BaseDeviceModel {
  readonly equipmentType = 'pump' as const
  private readonly peakHour: number
  private readonly pressureOffset: number
  private readonly currentOffset: number
  private readonly bearingOffset: number
  private readonly vibrationOffset: number
  /** Hours run since commissioning: the meter that run-hour maintenance plans read. */
  private runHours: number
  private lastTsMs: number | undefined

  constructor(options: DeviceModelOptions) {
    super(options)
    this.peakHour = this.random.between(17, 20)
    this.pressureOffset = this.random.between(-0.05, 0.05)
    this.currentOffset = this.random.between(-0.3, 0.3)
    this.bearingOffset = this.random.between(-0.5, 0.5)
    this.vibrationOffset = this.random.between(-0.05, 0.05)
    this.runHours = Math.round(this.random.between(2_000, 20_000))
  }

  protected compute({ tsMs, hourOfDay, fault, severity }: ReadingContext): Record<string, number> {
    // A duty pump runs around the clock: its meter advances with time.
    if (this.lastTsMs !== undefined) this.runHours += Math.max(0, tsMs - this.lastTsMs) / 3_600_000
    this.lastTsMs = tsMs
    const load = dailyLoad(hourOfDay, this.peakHour)
    const thermalLoad = dailyLoad(hourOfDay - 1, this.peakHour)
    const overheat = fault === 'bearing-overheat' ? severity : 0
    return {
      outlet_pressure_bar: round3(this.noisy(4.2 + this.pressureOffset - 0.8 * load, 0.05)),
      flow_m3h: round3(this.noisy(24 + 32 * load, 0.8)),
      motor_current_a: round3(this.noisy(26 + this.currentOffset + 6 * load + 2.5 * overheat, 0.25)),
      bearing_temp_c: round3(this.noisy(48 + this.bearingOffset + 8 * thermalLoad + 60 * overheat, 0.3)),
      vibration_mm_s: round3(this.noisy(2.2 + this.vibrationOffset + 0.2 * load + 3 * overheat, 0.1 * (1 + overheat))),
      running: 1,
      run_hours_total: round3(this.runHours)
    }
  }
}
