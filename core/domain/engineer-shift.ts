import type { Engineer, IsoWeekday, Shift } from './engineer.js'
import { localTime } from './local-time.js'
import type { LocalTime } from './local-time.js'

/** `HH:MM` from 00:00 to 23:59: when a shift starts. */
export const SHIFT_START_PATTERN = '^(?:[01]\\d|2[0-3]):[0-5]\\d$'
/** `HH:MM` from 00:00 to 24:00: when a shift ends. */
export const SHIFT_END_PATTERN = '^(?:(?:[01]\\d|2[0-3]):[0-5]\\d|24:00)$'

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':')
  return Number(hours) * 60 + Number(minutes)
}

function dayBefore(day: IsoWeekday): IsoWeekday {
  return (day === 1 ? 7 : day - 1) as IsoWeekday
}

/**
 * Whether `shift` covers a local moment. A shift whose end is at or before its start runs past
 * midnight: Friday's 22:00–06:00 covers Friday from 22:00 and Saturday until 06:00.
 */
export function shiftCovers(shift: Shift, at: LocalTime): boolean {
  const start = minutesOf(shift.start)
  const end = minutesOf(shift.end)
  const today = at.isoWeekday
  if (end > start) return shift.days.includes(today) && at.minuteOfDay >= start && at.minuteOfDay < end
  return (shift.days.includes(today) && at.minuteOfDay >= start) || (shift.days.includes(dayBefore(today)) && at.minuteOfDay < end)
}

/** Whether the engineer is working at `atMs`, their shifts read in `timeZone` (the site's). */
export function isOnShift(engineer: Pick<Engineer, 'shifts'>, atMs: number, timeZone: string): boolean {
  const at = localTime(atMs, timeZone)
  return engineer.shifts.some((shift) => shiftCovers(shift, at))
}
