/** A time when an equipment's alerts are muted: a test run or planned maintenance, once or every week. */
export interface MaintenanceWindow {
  id: string
  equipmentId: string
  reason: string
  startsAt: string
  endsAt: string
  /** Repeats every 7 days from startsAt (a weekly fire-pump test run). */
  weekly: boolean
}

const WEEK_MS = 7 * 86_400_000

/** The window covering `ts`, with the end of its current occurrence; undefined if none does. */
export function activeWindow(windows: readonly MaintenanceWindow[], ts: number): { window: MaintenanceWindow; until: number } | undefined {
  let found: { window: MaintenanceWindow; until: number } | undefined
  for (const window of windows) {
    const start = Date.parse(window.startsAt)
    const duration = Date.parse(window.endsAt) - start
    if (ts < start) continue
    const occurrenceStart = window.weekly ? start + Math.floor((ts - start) / WEEK_MS) * WEEK_MS : start
    const until = occurrenceStart + duration
    // Of overlapping windows, the one that lasts longest decides when the mute ends.
    if (ts < until && (found === undefined || until > found.until)) found = { window, until }
  }
  return found
}

/** Why a window is invalid, or undefined if it is fine. */
export function windowProblem(window: Pick<MaintenanceWindow, 'startsAt' | 'endsAt' | 'weekly'>): { field: string; message: string } | undefined {
  const start = Date.parse(window.startsAt)
  const end = Date.parse(window.endsAt)
  if (Number.isNaN(start)) return { field: 'startsAt', message: 'startsAt must be an ISO-8601 time' }
  if (Number.isNaN(end)) return { field: 'endsAt', message: 'endsAt must be an ISO-8601 time' }
  if (end <= start) return { field: 'endsAt', message: 'endsAt must be after startsAt' }
  if (window.weekly && end - start >= WEEK_MS) return { field: 'endsAt', message: 'a weekly window must last less than a week' }
  return undefined
}
