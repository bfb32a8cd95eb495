import type { WorkOrderPriority } from '../domain/work-order.js'
import type { ChecklistItemSpec } from './checklist.js'

export const CALENDAR_UNITS = ['days', 'weeks', 'months'] as const
export type CalendarUnit = (typeof CALENDAR_UNITS)[number]

/** Every N days, weeks or months, counted from the plan's start and then from each occurrence. */
export interface CalendarTrigger {
  every: number
  unit: CalendarUnit
}

/** Every N units of a counter the equipment reports (elevator trips, pump run-hours). */
export interface MeterTrigger {
  metric: string
  every: number
}

/**
 * Preventive work that recurs: by the calendar, by use, or both — whichever comes first, and
 * each occurrence starts both counts again. Each occurrence opens one preventive work order
 * carrying the plan's checklist.
 */
export interface MaintenancePlan {
  id: string
  equipmentId: string
  siteId: string
  title: string
  description: string
  priority: WorkOrderPriority
  /** When the first occurrence is due by the calendar, and from when use is counted. */
  startsAt: string
  calendar?: CalendarTrigger
  meter?: MeterTrigger
  checklist: ChecklistItemSpec[]
  /** The template the checklist was copied from, if any. */
  templateId?: string
  createdAt: string
  createdBy: string
}

/** Where a plan stands: how many occurrences it has opened and where the next is counted from. */
export interface PlanProgress {
  occurrences: number
  /** When the last occurrence fell due: the calendar counts on from here. */
  lastDueAt?: string
  /** The meter reading the next meter count starts from (at the start, or when the last was due). */
  meterBase?: number
  lastWorkOrderId?: string
  /**
   * The occurrence found due and being opened. Written before its work order, so that a restart
   * in between opens the same work order again (same idempotency key, same words), not another.
   */
  pending?: PendingOccurrence
}

export interface PendingOccurrence {
  occurrence: number
  by: 'calendar' | 'meter'
  dueAt: string
  reason: string
  /** The meter reading when it fell due: the next meter count starts from it. */
  meterAt?: number
}

export const NO_PROGRESS: PlanProgress = { occurrences: 0 }
