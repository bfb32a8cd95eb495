import { describe, expect, it } from 'vitest'
import { isTimeZone, localTime } from '../../../../core/domain/local-time.js'

const at = (iso: string): number => Date.parse(iso)

describe('localTime', () => {
  it('reads one instant as Sunday evening in UTC and Monday morning in Shanghai', () => {
    const instant = at('2026-11-29T23:30:00Z')
    expect(localTime(instant, 'UTC')).toEqual({ date: '2026-11-29', isoWeekday: 7, minuteOfDay: 23 * 60 + 30 })
    expect(localTime(instant, 'Asia/Shanghai')).toEqual({ date: '2026-11-30', isoWeekday: 1, minuteOfDay: 7 * 60 + 30 })
  })

  it('puts local midnight at minute 0 of the new day, not minute 1440 of the old one', () => {
    expect(localTime(at('2026-11-30T00:00:00Z'), 'UTC')).toEqual({ date: '2026-11-30', isoWeekday: 1, minuteOfDay: 0 })
    expect(localTime(at('2026-11-29T16:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-30', isoWeekday: 1, minuteOfDay: 0 })
    expect(localTime(at('2026-11-29T15:59:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-29', isoWeekday: 7, minuteOfDay: 1439 })
  })

  it('follows daylight saving time where the zone has it', () => {
    // Europe/London moves from GMT to BST at 01:00 UTC on 29 March 2026.
    expect(localTime(at('2026-03-29T00:30:00Z'), 'Europe/London').minuteOfDay).toBe(30)
    expect(localTime(at('2026-03-29T01:30:00Z'), 'Europe/London').minuteOfDay).toBe(2 * 60 + 30)
  })

  it('rolls the calendar over the year end', () => {
    expect(localTime(at('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2027-01-01', isoWeekday: 5, minuteOfDay: 0 })
  })

  it('throws a RangeError for a zone Intl does not know', () => {
    expect(() => localTime(0, 'Mars/Olympus_Mons')).toThrow(RangeError)
  })
})

describe('isTimeZone', () => {
  it('knows IANA names and UTC, and refuses anything else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
    expect(isTimeZone('+08:00 please')).toBe(false)
  })
})
