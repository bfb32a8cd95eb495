import type { CalendarTrigger, MaintenancePlan, PendingOccurrence, PlanProgress } from './maintenance-plan.js'

const DAY_MS = 86_400_000

/** `fromMs` plus the calendar interval; months keep the day of month, clamped to the month's last day (UTC). */
export function addInterval(fromMs: number, trigger: CalendarTrigger): number {
  if (trigger.unit === 'days') return fromMs + trigger.every * DAY_MS
  if (trigger.unit === 'weeks') return fromMs + trigger.every * 7 * DAY_MS
  const from = new Date(fromMs)
  const firstOfTarget = Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + trigger.every, 1)
  const target = new Date(firstOfTarget)
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds())
}

/** When the next occurrence is due by the calendar: the start, then one interval after the last due date. */
export function calendarDueMs(plan: MaintenancePlan, progress: PlanProgress): number | undefined {
  if (plan.calendar === undefined) return undefined
  return progress.lastDueAt === undefined ? Date.parse(plan.startsAt) : addInterval(Date.parse(progress.lastDueAt), plan.calendar)
}

/** The meter reading at which the next occurrence is due, once a base reading is known. */
export function meterDueAt(plan: MaintenancePlan, progress: PlanProgress): number | undefined {
  if (plan.meter === undefined || progress.meterBase === undefined) return undefined
  return progress.meterBase + plan.meter.every
}

/** A counter as read now, and how fast it has been rising (units per millisecond; undefined if unknown). */
export interface MeterReading {
  value: number
  ratePerMs?: number | undefined
}

export type DueState =
  | { due: true; by: 'calendar' | 'meter'; dueAt: string; reason: string }
  | { due: false; next?: { by: 'calendar' | 'meter'; dueAt: string; projected: boolean } }

/**
 * Whether the plan's next occurrence is due at `nowMs`, and if not, when it will be: the calendar
 * date, or — for a meter — the date the counter is projected to reach its mark at the rate it
 * has been rising; whichever comes first. The reason is worded from the plan and its progress
 * only, so the same occurrence is always described the same way. Pure.
 */
export function dueState(plan: MaintenancePlan, progress: PlanProgress, nowMs: number, meter?: MeterReading): DueState {
  const calendarMs = calendarDueMs(plan, progress)
  const meterMark = meterDueAt(plan, progress)
  if (meterMark !== undefined && meter !== undefined && meter.value >= meterMark && plan.meter !== undefined) {
    // The count passed its mark at some moment before now; `now` is when we saw it.
    const calendarFirst = calendarMs !== undefined && calendarMs <= nowMs
    if (!calendarFirst) return { due: true, by: 'meter', dueAt: new Date(nowMs).toISOString(), reason: `due by use: ${plan.meter.metric} reached ${formatCount(meterMark)} (every ${formatCount(plan.meter.every)} from ${formatCount(progress.meterBase ?? 0)})` }
  }
  if (calendarMs !== undefined && calendarMs <= nowMs && plan.calendar !== undefined) {
    return { due: true, by: 'calendar', dueAt: new Date(calendarMs).toISOString(), reason: `due by the calendar on ${new Date(calendarMs).toISOString().slice(0, 10)} (every ${plan.calendar.every} ${plan.calendar.unit})` }
  }
  const candidates: { by: 'calendar' | 'meter'; ms: number; projected: boolean }[] = []
  if (calendarMs !== undefined) candidates.push({ by: 'calendar', ms: calendarMs, projected: false })
  if (meterMark !== undefined && meter?.ratePerMs !== undefined && meter.ratePerMs > 0) candidates.push({ by: 'meter', ms: nowMs + (meterMark - meter.value) / meter.ratePerMs, projected: true })
  const first = candidates.sort((a, b) => a.ms - b.ms)[0]
  return first === undefined ? { due: false } : { due: false, next: { by: first.by, dueAt: new Date(Math.round(first.ms)).toISOString(), projected: first.projected } }
}

/** Progress once the pending occurrence's work order is open: both counts start again from it. */
export function afterOccurrence(progress: PlanProgress, pending: PendingOccurrence, workOrderId: string): PlanProgress {
  const next: PlanProgress = { occurrences: pending.occurrence, lastDueAt: pending.dueAt, lastWorkOrderId: workOrderId }
  const base = pending.meterAt ?? progress.meterBase
  if (base !== undefined) next.meterBase = base
  return next
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 1 })
}
