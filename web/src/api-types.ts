// The API's answers as the web app reads them. Where the JSON is the domain's own record, the
// type is the domain's (type-only imports: nothing of the server is bundled); the OpenAPI
// document at /docs is the full contract.
import type { Alert } from '../../core/domain/alert.js'
import type { Equipment, EquipmentType } from '../../core/domain/equipment.js'
import type { PhotoRef, WorkOrder as StoredWorkOrder, WorkOrderPriority, WorkOrderStatus } from '../../core/domain/work-order.js'
import type { HealthReason, HealthReport } from '../../core/health/health-report.js'
import type { ChecklistItem } from '../../core/maintenance/checklist.js'

export type { Alert, ChecklistItem, Equipment, EquipmentType, HealthReason, HealthReport, PhotoRef, WorkOrderStatus }
export type Priority = WorkOrderPriority

/** A work order as the API serves it: the stored record and its response deadline's state. */
export interface WorkOrder extends StoredWorkOrder {
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

/** A rule as `GET /api/v1/equipment/{id}/rules` lists it. */
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
