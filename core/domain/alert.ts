import type { EquipmentType } from './equipment.js'
import type { WorkOrderPriority } from './work-order.js'

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]

/** open → acknowledged (someone is on it) → resolved (the condition cleared and stayed clear) → closed. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'closed'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/** When a trend will cross its limit: the remaining useful life, with an interval. */
export interface Forecast {
  /** Most likely crossing time (ISO-8601). */
  crossingAt: string
  /** Interval of the crossing time from the slope's uncertainty (about 95 %). */
  earliest: string
  latest: string
  /** Fitted slope, in the metric's unit per hour. */
  slopePerHour: number
}

/** Why a detector fired, in numbers an engineer can check against the trend. */
export interface AlertExplanation {
  message: string
  value: number
  limit: number
  baseline?: number
  forecast?: Forecast
}

export interface Alert {
  id: string
  equipmentId: string
  equipmentType: EquipmentType
  siteId: string
  buildingId: string
  ruleId: string
  metric: string
  severity: AlertSeverity
  /** Priority of the work order this alert opens. */
  priority: WorkOrderPriority
  status: AlertStatus
  openedAt: string
  resolvedAt?: string
  acknowledgedAt?: string
  acknowledgedBy?: string
  closedAt?: string
  closedBy?: string
  /** Times the condition came back within the cooldown and reopened this alert. */
  reopens: number
  /** The condition keeps coming and going: one alert stands for all of it, and opens no more work. */
  flapping: boolean
  explanation: AlertExplanation
  workOrderId?: string
  /** Set while the equipment is under work or in a test/maintenance window: the alert stands, its work order waits. */
  muted?: AlertMute
}

/** Why an alert is muted, and until when if the window has an end. */
export interface AlertMute {
  reason: string
  until?: string
}

export const ALERT_EVENT_KINDS = ['opened', 'reopened', 'flapping', 'muted', 'unmuted', 'acknowledged', 'resolved', 'closed'] as const
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number]

/** One transition of an alert: written to InfluxDB `alert_events` and pushed to the live stream. */
export interface AlertEvent {
  at: string
  kind: AlertEventKind
  alertId: string
  equipmentId: string
  equipmentType: EquipmentType
  siteId: string
  buildingId: string
  ruleId: string
  severity: AlertSeverity
  message: string
  /** Who did it, for acknowledged and closed. */
  by?: string
}

export function alertEvent(alert: Alert, kind: AlertEventKind, at: string, message: string, by?: string): AlertEvent {
  const event: AlertEvent = {
    at,
    kind,
    alertId: alert.id,
    equipmentId: alert.equipmentId,
    equipmentType: alert.equipmentType,
    siteId: alert.siteId,
    buildingId: alert.buildingId,
    ruleId: alert.ruleId,
    severity: alert.severity,
    message
  }
  if (by !== undefined) event.by = by
  return event
}

/** Severity decides the work order's priority unless a rule names one: critical work is urgent. */
export function priorityForSeverity(severity: AlertSeverity): WorkOrderPriority {
  switch (severity) {
    case 'critical':
      return 'urgent'
    case 'warning':
      return 'normal'
    case 'info':
      return 'low'
  }
}
