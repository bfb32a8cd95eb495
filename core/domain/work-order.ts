export const WORK_ORDER_PRIORITIES = ['urgent', 'normal', 'low'] as const
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number]

/** Corrective work repairs what failed; preventive work acts on a forecast, before anything fails. */
export const WORK_ORDER_KINDS = ['corrective', 'preventive'] as const
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number]

export const WORK_ORDER_STATUSES = ['open', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed', 'cancelled'] as const
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number]

/** Statuses in which a work order still occupies its equipment: new alerts join it. */
export const ACTIVE_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['open', 'assigned', 'accepted', 'in_progress']

/** Response deadlines by priority, in minutes: urgent 30 min, normal 2 h, low 24 h. */
export const RESPONSE_MINUTES: Readonly<Record<WorkOrderPriority, number>> = { urgent: 30, normal: 120, low: 1440 }

export type WorkOrderSource =
  | { kind: 'alert'; alertIds: string[]; ruleIds: string[] }
  | { kind: 'manual' }

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
  /** When an engineer must have responded, from the priority. */
  responseDueAt: string
}

export function responseDueAt(createdAtMs: number, priority: WorkOrderPriority): string {
  return new Date(createdAtMs + RESPONSE_MINUTES[priority] * 60_000).toISOString()
}
