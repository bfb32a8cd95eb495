import type { WorkOrderStatus } from '../domain/work-order.js'

/** A work order's audit entry as far as an occupant may see it: what happened and when, not who or why. */
export interface ProgressEntry {
  at: string
  action: string
  from: WorkOrderStatus
  to: WorkOrderStatus
}

/** What a step of the repair was, for the page to put in the occupant's words: the status reached, or an engineer arriving or passing the job on. */
export type ProgressEvent = WorkOrderStatus | 'check_in' | 'decline'

export interface ProgressStep {
  at: string
  status: WorkOrderStatus
  event: ProgressEvent
  /** In words for the occupant, in English (the occupant pages word `event` in the occupant's language). */
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
    const event: ProgressEvent = entry.action === 'check_in' || entry.action === 'decline' ? entry.action : entry.to
    const label = event === 'check_in' ? 'The engineer arrived and started work' : event === 'decline' ? 'Being passed to another engineer' : STEP_LABELS[event]
    steps.push({ at: entry.at, status: entry.to, event, label })
  }
  return steps
}
