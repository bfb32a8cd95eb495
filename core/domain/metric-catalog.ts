import type { EquipmentType } from './equipment.js'

export interface MetricInfo {
  unit: string
  description: string
}

/**
 * The metrics Vigil knows for each kind of equipment. A device may send others: they are stored
 * but counted as unknown, so a misnamed metric shows up instead of silently feeding no rule.
 */
export const METRIC_CATALOG: Readonly<Record<EquipmentType, Readonly<Record<string, MetricInfo>>>> = {
  pump: {
    outlet_pressure_bar: { unit: 'bar', description: 'Discharge pressure' },
    flow_m3h: { unit: 'm³/h', description: 'Flow rate' },
    motor_current_a: { unit: 'A', description: 'Motor current' },
    bearing_temp_c: { unit: '°C', description: 'Drive-end bearing temperature' },
    vibration_mm_s: { unit: 'mm/s', description: 'Vibration velocity (RMS)' },
    running: { unit: '0/1', description: 'Pump running' },
    run_hours_total: { unit: 'h', description: 'Hours run since commissioning (counter)' }
  },
  elevator: {
    door_close_time_s: { unit: 's', description: 'Time of the last door close' },
    motor_current_a: { unit: 'A', description: 'Traction motor current' },
    motor_temp_c: { unit: '°C', description: 'Traction motor temperature' },
    vibration_mm_s: { unit: 'mm/s', description: 'Car vibration (RMS)' },
    trips_total: { unit: 'trips', description: 'Trips since commissioning (counter)' }
  },
  fire_system: {
    main_pressure_bar: { unit: 'bar', description: 'Sprinkler main pressure' },
    tank_level_pct: { unit: '%', description: 'Water tank level' },
    battery_voltage_v: { unit: 'V', description: 'Fire panel battery voltage' },
    jockey_pump_running: { unit: '0/1', description: 'Jockey pump running' }
  }
}

export function isKnownMetric(type: EquipmentType, metric: string): boolean {
  return Object.hasOwn(METRIC_CATALOG[type], metric)
}
