import { BaseDeviceModel, round3 } from './base-device-model.js'
import type { ReadingContext } from './base-device-model.js'
import { dailyLoad } from './daily-load.js'
import type { DeviceModelOptions } from './device-model.js'

/**
 * A traction lift. Healthy: door close ≈3.0 s, motor 42–63 °C (an hour behind the traffic),
 * current 10–18 A, vibration ≈0.8 mm/s; trips arrive as a Poisson process, 3/h at night to
 * ~80/h at the busiest hour.
 */
export class ElevatorModel extends BaseDeviceModel {
  readonly equipmentType = 'elevator' as const
  private readonly peakHour: number
  private readonly doorOffset: number
  private readonly tempOffset: number
  private readonly currentOffset: number
  private trips: number
  private lastTsMs: number | undefined

  constructor(options: DeviceModelOptions) {
    super(options)
    this.peakHour = this.random.between(12, 15)
    this.doorOffset = this.random.between(-0.08, 0.08)
    this.tempOffset = this.random.between(-1, 1)
    this.currentOffset = this.random.between(-0.5, 0.5)
    this.trips = Math.floor(this.random.between(150_000, 450_000))
  }

  protected compute({ tsMs, hourOfDay, fault, severity }: ReadingContext): Record<string, number> {
    const load = dailyLoad(hourOfDay, this.peakHour)
    const thermalLoad = dailyLoad(hourOfDay - 1, this.peakHour)
    const elapsedS = this.lastTsMs === undefined ? 0 : Math.max(0, tsMs - this.lastTsMs) / 1000
    this.lastTsMs = tsMs
    this.trips += this.random.poisson((elapsedS * (3 + 77 * load)) / 3600)
    const sluggish = fault === 'door-sluggish' ? severity : 0
    return {
      door_close_time_s: round3(this.noisy(3.0 + this.doorOffset + 0.04 * load + 4 * sluggish, 0.08)),
      motor_current_a: round3(this.noisy(10 + this.currentOffset + 8 * load, 0.8)),
      motor_temp_c: round3(this.noisy(43 + this.tempOffset + 19 * thermalLoad, 0.4)),
      vibration_mm_s: round3(this.noisy(0.8 + 0.1 * load, 0.04)),
      trips_total: this.trips
    }
  }
}
