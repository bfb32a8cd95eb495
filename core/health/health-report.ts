import { escape } from '@influxdata/influxdb-client'
import type { Forecast } from '../domain/alert.js'
import type { EquipmentType } from '../domain/equipment.js'

export interface HealthReason {
  kind: 'alert' | 'anomaly' | 'forecast' | 'sensor'
  ruleId: string
  /** Points taken off 100. */
  penalty: number
  message: string
  /** The metric the rule watches (single-metric rules). */
  metric?: string
  /** kind forecast: the predicted crossing of `limit`, for the trend chart's forecast line. */
  forecast?: Forecast & { limit: number }
}

/** An equipment's health at one time, as the API serves it and InfluxDB `health` keeps it. */
export interface HealthReport {
  equipmentId: string
  equipmentType: EquipmentType
  siteId: string
  buildingId: string
  /** 100 is healthy, 0 is failing. */
  score: number
  /** Worst first. */
  reasons: HealthReason[]
  at: string
}

/** A report as a `health` line: the score and how many reasons of each kind, with DESIGN.md's location tags. */
export function healthLine(report: HealthReport): string {
  const count = (kind: HealthReason['kind']) => report.reasons.filter((reason) => reason.kind === kind).length
  return (
    `health,building=${escape.tag(report.buildingId)},equipment=${escape.tag(report.equipmentId)},equipment_type=${escape.tag(report.equipmentType)},site=${escape.tag(report.siteId)}` +
    ` score=${report.score},open_alerts=${count('alert')},anomalies=${count('anomaly')},forecasts=${count('forecast')},sensors_silent=${count('sensor')} ${Date.parse(report.at)}`
  )
}
