import { describe, expect, it } from 'vitest'
import { rosteredHoursInMonth, shiftHours } from '../../../../core/analytics/shift-hours.js'

describe('rostered hours', () => {
  it('measures day shifts and shifts past midnight', () => {
    expect(shiftHours({ days: [1], start: '08:00', end: '16:30' })).toBe(8.5)
    expect(shiftHours({ days: [1], start: '22:00', end: '06:00' })).toBe(8)
    expect(shiftHours({ days: [1], start: '00:00', end: '24:00' })).toBe(24)
  })

  it('counts each shift on the days of the month it starts on', () => {
    // November 2026 starts on a Sunday: 21 weekdays (2–6, 9–13, 16–20, 23–27, 30) and 4 Saturdays.
    expect(rosteredHoursInMonth([{ days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' }], '2026-11')).toBe(21 * 8)
    expect(rosteredHoursInMonth([{ days: [6], start: '22:00', end: '06:00' }], '2026-11')).toBe(4 * 8)
    expect(rosteredHoursInMonth([], '2026-11')).toBe(0)
  })
})
