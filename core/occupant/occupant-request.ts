import type { EquipmentType } from '../domain/equipment.js'
import type { PhotoRef } from '../domain/work-order.js'

/** What an occupant can send from an equipment's QR page: a fault becomes repair work; the others are feedback. */
export const OCCUPANT_MESSAGE_KINDS = ['fault', 'complaint', 'suggestion'] as const
export type OccupantMessageKind = (typeof OCCUPANT_MESSAGE_KINDS)[number]

export const FEEDBACK_KINDS = ['complaint', 'suggestion'] as const satisfies readonly OccupantMessageKind[]
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

/**
 * open: received, nothing done yet (feedback waiting for an answer; a fault whose work order could
 * not be opened); answered: staff answered the feedback; work_order: the fault is repair work now.
 */
export const OCCUPANT_REQUEST_STATUSES = ['open', 'answered', 'work_order'] as const
export type OccupantRequestStatus = (typeof OCCUPANT_REQUEST_STATUSES)[number]

export const FEEDBACK_STATUSES = ['open', 'answered'] as const satisfies readonly OccupantRequestStatus[]

/** A staff member's reply to a complaint or suggestion, shown on the occupant's follow page. */
export interface StaffAnswer {
  text: string
  at: string
  by: string
  /** For a suggestion: staff took it up (counted in the engineers' scorecard, improvement). */
  adopted?: boolean
}

/** A message an occupant sent through an equipment's QR page, without an account. */
export interface OccupantRequest {
  /** `RQ-` and six or more digits. */
  id: string
  kind: OccupantMessageKind
  status: OccupantRequestStatus
  equipmentId: string
  equipmentType: EquipmentType
  siteId: string
  buildingId: string
  description: string
  /** How to reach the occupant, if they chose to leave it (free text: a phone, an e-mail, a flat number). */
  contact?: string
  photo?: PhotoRef
  createdAt: string
  /** For a fault: the work order it became. */
  workOrderId?: string
  answer?: StaffAnswer
}

export const OCCUPANT_REQUEST_ID_PATTERN = '^RQ-\\d{6,}$'

export function isFeedback(kind: OccupantMessageKind): kind is FeedbackKind {
  return kind !== 'fault'
}

export function occupantRequestId(sequence: number): string {
  return `RQ-${String(sequence).padStart(6, '0')}`
}
