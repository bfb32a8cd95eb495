import type { IsoWeekday, Shift } from '../domain/engineer.js'

const minutesOf = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':')
  return Number(hours) * 60 + Number(minutes)
}

/** A shift's length in hours; one whose end is at or before its start runs past midnight. */
export function shiftHours(shift: Shift): number {
  const start = minutesOf(shift.start)
  const end = minutesOf(shift.end)
  return (end > start ? end - start : 24 * 60 - start + end) / 60
}

/**
 * Hours an engineer is rostered in a calendar month `YYYY-MM`: every shift that starts on one of
 * the month's days, counted whole (a shift starting on the last night runs into the next month).
 * Shifts are local times, so the month's days are calendar days and clock changes are ignored.
 */
export function rosteredHoursInMonth(shifts: readonly Shift[], month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()
  let hours = 0
  for (let day = 1; day <= days; day++) {
    const weekday = (((new Date(Date.UTC(year, monthNumber - 1, day)).getUTCDay() + 6) % 7) + 1) as IsoWeekday
    for (const shift of shifts) if (shift.days.includes(weekday)) hours += shiftHours(shift)
  }
  return hours
}
