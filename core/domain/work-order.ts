import type { ChecklistItem } from '../maintenance/checklist.js'

export const WORK_ORDER_PRIORITIES = ['urgent', 'normal', 'low'] as const
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number]

/** Corrective work repairs what failed; preventive work acts on a forecast, before anything fails. */
export const WORK_ORDER_KINDS = ['corrective', 'preventive'] as const
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number]

/**
 * open → assigned → accepted → in_progress → resolved → closed; cancelled from any active status;
 * reopened from resolved or closed (not fixed after all, or the alert came back in its
 * verification window). The moves are in work-order-lifecycle.ts.
 */
export const WORK_ORDER_STATUSES = ['open', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed', 'cancelled', 'reopened'] as const
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number]

/** Statuses in which a work order still occupies its equipment: new alerts join it. */
export const ACTIVE_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['open', 'assigned', 'accepted', 'in_progress', 'reopened']

/** Response deadlines by priority, in minutes: urgent 30 min, normal 2 h, low 24 h (configurable). */
export const RESPONSE_MINUTES: Readonly<Record<WorkOrderPriority, number>> = { urgent: 30, normal: 120, low: 1440 }

/** How a resolved work order ended. */
export const RESOLUTION_CODES = ['repaired', 'replaced_part', 'adjusted', 'cleaned', 'no_fault_found', 'referred_to_vendor', 'other'] as const
export type ResolutionCode = (typeof RESOLUTION_CODES)[number]

export type WorkOrderSource =
  | { kind: 'alert'; alertIds: string[]; ruleIds: string[] }
  | { kind: 'manual' }
  /** An occupant's report through the equipment's QR page. */
  | { kind: 'request'; requestId: string }
  /** An occurrence of a maintenance plan. */
  | { kind: 'plan'; planId: string; occurrence: number }

export interface WorkOrderResolution {
  code: ResolutionCode
  /** Fixed on the first visit, without coming back. */
  firstVisitFix: boolean
  note: string
}

export interface WorkOrderRating {
  /** 1 (poor) to 5 (excellent). */
  score: number
  comment: string
  ratedAt: string
}

/** A photo attached to a work order; the file lives under the data directory. */
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
  priority: WorkOrderPriority
  kind: WorkOrderKind
  status: WorkOrderStatus
  source: WorkOrderSource
  createdAt: string
  createdBy: string
  /** When an engineer must have responded (accepted), from the priority. */
  responseDueAt: string
  /** Bumped by every change: a change is written only over the version it was made from. */
  version: number
  /** The engineer it is assigned to now. */
  assigneeId?: string
  /** The first engineer to accept: responsible until it closes, even if it is reassigned. */
  responsibleEngineerId?: string
  assignedAt?: string
  acceptedAt?: string
  startedAt?: string
  /** Check-in at the equipment (its QR code). */
  arrivedAt?: string
  resolvedAt?: string
  closedAt?: string
  cancelledAt?: string
  reopenedAt?: string
  /** Engineers who declined it since it was opened or reopened: dispatch passes over them. */
  declinedBy?: string[]
  /** When the response deadline was missed and escalated. */
  escalatedAt?: string
  resolution?: WorkOrderResolution
  /** The owner's or requester's verdict, given once through a rating link. */
  rating?: WorkOrderRating
  photos?: PhotoRef[]
  /** Inspection steps (from a maintenance plan): it cannot be resolved until every one is recorded. */
  checklist?: ChecklistItem[]
}

export function responseDueAt(createdAtMs: number, priority: WorkOrderPriority, minutes: Readonly<Record<WorkOrderPriority, number>> = RESPONSE_MINUTES): string {
  return new Date(createdAtMs + minutes[priority] * 60_000).toISOString()
}
