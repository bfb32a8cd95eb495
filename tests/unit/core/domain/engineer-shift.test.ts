import { describe, expect, it } from 'vitest'
import type { Shift } from '../../../../core/domain/engineer.js'
import { SHIFT_END_PATTERN, SHIFT_START_PATTERN, isOnShift, shiftCovers } from '../../../../core/domain/engineer-shift.js'
import type { LocalTime } from '../../../../core/domain/local-time.js'

const MONDAY = 1
const TUESDAY = 2
const SATURDAY = 6
const SUNDAY = 7

/** A local moment on an ISO weekday at HH:MM (the date does not matter to shifts). */
const on = (isoWeekday: LocalTime['isoWeekday'], hhmm: string): LocalTime => {
  const [hours, minutes] = hhmm.split(':').map(Number)
  return { date: '2026-11-30', isoWeekday, minuteOfDay: (hours ?? 0) * 60 + (minutes ?? 0) }
}

describe('shiftCovers', () => {
  const office: Shift = { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' }

  it('covers a day shift from its start up to, not including, its end, on its days only', () => {
    expect(shiftCovers(office, on(MONDAY, '08:00'))).toBe(true)
    expect(shiftCovers(office, on(MONDAY, '16:59'))).toBe(true)
    expect(shiftCovers(office, on(MONDAY, '17:00'))).toBe(false)
    expect(shiftCovers(office, on(MONDAY, '07:59'))).toBe(false)
    expect(shiftCovers(office, on(SATURDAY, '10:00'))).toBe(false)
  })

  it('runs an overnight shift past midnight into the next day', () => {
    const fridayNight: Shift = { days: [5], start: '22:00', end: '06:00' }
    expect(shiftCovers(fridayNight, on(5, '21:59'))).toBe(false)
    expect(shiftCovers(fridayNight, on(5, '22:00'))).toBe(true)
    expect(shiftCovers(fridayNight, on(5, '23:59'))).toBe(true)
    expect(shiftCovers(fridayNight, on(SATURDAY, '00:00'))).toBe(true)
    expect(shiftCovers(fridayNight, on(SATURDAY, '05:59'))).toBe(true)
    expect(shiftCovers(fridayNight, on(SATURDAY, '06:00'))).toBe(false)
    // Friday before dawn belongs to Thursday's night, which this shift is not.
    expect(shiftCovers(fridayNight, on(5, '03:00'))).toBe(false)
  })

  it('carries a Sunday night shift over the week end into Monday morning', () => {
    const sundayNight: Shift = { days: [SUNDAY], start: '22:00', end: '06:00' }
    expect(shiftCovers(sundayNight, on(SUNDAY, '23:00'))).toBe(true)
    expect(shiftCovers(sundayNight, on(MONDAY, '05:30'))).toBe(true)
    expect(shiftCovers(sundayNight, on(MONDAY, '06:00'))).toBe(false)
    expect(shiftCovers(sundayNight, on(MONDAY, '22:30'))).toBe(false)
    expect(shiftCovers(sundayNight, on(SUNDAY, '05:30'))).toBe(false)
  })

  it("takes Monday's night shift into Tuesday, not back into Monday morning", () => {
    const mondayNight: Shift = { days: [MONDAY], start: '22:00', end: '06:00' }
    expect(shiftCovers(mondayNight, on(TUESDAY, '03:00'))).toBe(true)
    expect(shiftCovers(mondayNight, on(MONDAY, '03:00'))).toBe(false)
  })

  it('ends a 24:00 shift at midnight', () => {
    const evening: Shift = { days: [MONDAY], start: '18:00', end: '24:00' }
    expect(shiftCovers(evening, on(MONDAY, '23:59'))).toBe(true)
    expect(shiftCovers(evening, on(TUESDAY, '00:00'))).toBe(false)
  })

  it('reads an end equal to the start as a full 24 hours', () => {
    const roundTheClock: Shift = { days: [SATURDAY], start: '07:00', end: '07:00' }
    expect(shiftCovers(roundTheClock, on(SATURDAY, '07:00'))).toBe(true)
    expect(shiftCovers(roundTheClock, on(SUNDAY, '06:59'))).toBe(true)
    expect(shiftCovers(roundTheClock, on(SUNDAY, '07:00'))).toBe(false)
    expect(shiftCovers(roundTheClock, on(SATURDAY, '06:59'))).toBe(false)
  })
})

describe('isOnShift', () => {
  it("reads shifts in the site's time zone: Monday 08:30 in Shanghai is 00:30 in UTC", () => {
    const engineer = { shifts: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' }] satisfies Shift[] }
    const instant = Date.parse('2026-11-30T00:30:00Z')
    expect(isOnShift(engineer, instant, 'Asia/Shanghai')).toBe(true)
    expect(isOnShift(engineer, instant, 'UTC')).toBe(false)
  })

  it("finds a Sunday night shift on Monday morning in Shanghai while it is still Sunday in UTC", () => {
    const engineer = { shifts: [{ days: [SUNDAY], start: '22:00', end: '06:00' }] satisfies Shift[] }
    const instant = Date.parse('2026-11-29T21:00:00Z') // Monday 05:00 in Shanghai
    expect(isOnShift(engineer, instant, 'Asia/Shanghai')).toBe(true)
    expect(isOnShift(engineer, instant, 'UTC')).toBe(false)
    expect(isOnShift(engineer, Date.parse('2026-11-29T22:00:00Z'), 'Asia/Shanghai')).toBe(false)
  })

  it('is off shift with no shifts at all', () => {
    expect(isOnShift({ shifts: [] }, Date.parse('2026-11-30T10:00:00Z'), 'UTC')).toBe(false)
  })
})

describe('shift time patterns', () => {
  const start = new RegExp(SHIFT_START_PATTERN)
  const end = new RegExp(SHIFT_END_PATTERN)

  it('takes HH:MM from 00:00 to 23:59, and 24:00 as an end only', () => {
    for (const ok of ['00:00', '08:30', '23:59']) expect(start.test(ok), ok).toBe(true)
    for (const bad of ['24:00', '8:00', '08:60', '25:00', '08:00:00', '']) expect(start.test(bad), bad).toBe(false)
    expect(end.test('24:00')).toBe(true)
    for (const bad of ['24:01', '24:30', '7:00']) expect(end.test(bad), bad).toBe(false)
  })
})
