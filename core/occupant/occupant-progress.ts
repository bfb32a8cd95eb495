import type { WorkOrderStatus } from '../domain/work-order.js'

/** A work order's audit entry as far as an occupant may see it: what happened and when, not who or why. */
export interface ProgressEntry {
  at: string
  action: string
  from: WorkOrderStatus
  to: WorkOrderStatus
}

export interface ProgressStep {
  at: string
  status: WorkOrderStatus
  /** In words for the occupant. */
  label: string
}

const STEP_LABELS: Readonly<Record<WorkOrderStatus, string>> = {
  open: 'Reported; waiting for an engineer',
  assigned: 'An engineer has been assigned',
  accepted: 'An engineer accepted the job',
  in_progress: 'Work has started',
  resolved: 'The engineer reports it fixed',
  closed: 'Checked and closed',
  cancelled: 'Cancelled by the maintenance team',
  reopened: 'Reopened: it was not fixed after all'
}

const STATUS_SUMMARIES: Readonly<Record<WorkOrderStatus, string>> = {
  open: 'Waiting for an engineer',
  assigned: 'An engineer has been assigned',
  accepted: 'An engineer is on the way',
  in_progress: 'Being repaired',
  resolved: 'Fixed',
  closed: 'Fixed and closed',
  cancelled: 'Cancelled',
  reopened: 'Being looked at again'
}

/** The repair's status in a few words for the follow page. */
export function statusSummary(status: WorkOrderStatus): string {
  return STATUS_SUMMARIES[status]
}

/**
 * The steps of a repair an occupant sees: its creation and every change of status, in order.
 * Notes, photos and names stay internal (they may name people or say things meant for staff). Pure.
 */
export function occupantProgress(entries: readonly ProgressEntry[]): ProgressStep[] {
  const steps: ProgressStep[] = []
  for (const entry of entries) {
    if (entry.action !== 'create' && entry.from === entry.to) continue
    const label = entry.action === 'check_in' ? 'The engineer arrived and started work' : entry.action === 'decline' ? 'Being passed to another engineer' : STEP_LABELS[entry.to]
    steps.push({ at: entry.at, status: entry.to, label })
  }
  return steps
}
