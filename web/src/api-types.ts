// The API's answers as the web app reads them (the subset it uses). The OpenAPI document at /docs
// is the full contract.

export type EquipmentType = 'elevator' | 'pump' | 'fire_system'
export type Priority = 'urgent' | 'normal' | 'low'
export type WorkOrderStatus = 'open' | 'assigned' | 'accepted' | 'in_progress' | 'resolved' | 'closed' | 'cancelled' | 'reopened'

export interface Equipment {
  id: string
  siteId: string
  buildingId: string
  type: EquipmentType
  name: string
  location: string
  qrCode?: string
}

export interface Forecast {
  crossingAt: string
  earliest: string
  latest: string
  slopePerHour: number
}

export interface HealthReason {
  kind: 'alert' | 'anomaly' | 'forecast' | 'sensor'
  ruleId: string
  penalty: number
  message: string
  metric?: string
  forecast?: Forecast & { limit: number }
}

export interface HealthReport {
  equipmentId: string
  siteId: string
  score: number
  reasons: HealthReason[]
  at: string
}

export interface Alert {
  id: string
  equipmentId: string
  equipmentType: EquipmentType
  siteId: string
  buildingId: string
  ruleId: string
  metric: string
  severity: 'info' | 'warning' | 'critical'
  priority: Priority
  status: 'open' | 'acknowledged' | 'resolved' | 'closed'
  openedAt: string
  resolvedAt?: string
  acknowledgedAt?: string
  closedAt?: string
  flapping: boolean
  explanation: { message: string; value: number; limit: number; baseline?: number; forecast?: Forecast }
  workOrderId?: string
}

export interface ChecklistItem {
  id: string
  label: string
  kind: 'pass_fail' | 'value'
  unit?: string
  min?: number
  max?: number
  result?: { passed: boolean; value?: number; note?: string; at: string; by: string }
}

export interface PhotoRef {
  id: string
  contentType: string
  bytes: number
  uploadedAt: string
  uploadedBy: string
  caption?: string
}

export interface WorkOrder {
  id: string
  equipmentId: string
  siteId: string
  buildingId: string
  title: string
  description: string
  priority: Priority
  kind: 'corrective' | 'preventive'
  status: WorkOrderStatus
  source: { kind: 'alert' | 'manual' | 'request' | 'plan' }
  createdAt: string
  createdBy: string
  responseDueAt: string
  version: number
  assigneeId?: string
  responsibleEngineerId?: string
  acceptedAt?: string
  startedAt?: string
  arrivedAt?: string
  resolvedAt?: string
  closedAt?: string
  resolution?: { code: string; firstVisitFix: boolean; note: string }
  rating?: { score: number; comment: string; ratedAt: string }
  photos?: PhotoRef[]
  checklist?: ChecklistItem[]
  deadline?: { dueAt: string; state: 'pending' | 'met' | 'missed' | 'cancelled' }
}

export interface MaintenancePlan {
  id: string
  equipmentId: string
  title: string
  priority: Priority
  calendar?: { every: number; unit: 'days' | 'weeks' | 'months' }
  meter?: { metric: string; every: number }
  meterReading?: number
  occurrences: number
  next?: { dueAt: string; by: 'calendar' | 'meter'; projected: boolean; dueNow: boolean }
}

export interface Rule {
  id: string
  title: string
  metric: string
  detector: string
  severity: 'info' | 'warning' | 'critical'
  enabled: boolean
  /** The detector's parameters; threshold and trend rules have a limit `above` or `below`. */
  params: { above?: number; below?: number; clearAt?: number } & Record<string, unknown>
}

export interface TelemetryTrend {
  equipmentId: string
  metric: string
  unit?: string
  from: string
  to: string
  everyMs: number
  points: { ts: string; mean: number; min: number; max: number; count: number }[]
}

export interface List<T> {
  items: T[]
}
