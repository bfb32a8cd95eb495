import { describe, expect, it } from 'vitest'
import { SiteClock } from '../../../../simulators/models/site-clock.js'

describe('SiteClock', () => {
  it('gives the local hour of day', () => {
    const shanghai = new SiteClock('Asia/Shanghai')
    expect(shanghai.hourOfDay(Date.UTC(2024, 2, 1, 0, 0))).toBe(8)
    expect(shanghai.hourOfDay(Date.UTC(2024, 2, 1, 17, 30))).toBe(1.5)
    expect(new SiteClock('America/St_Johns').hourOfDay(Date.UTC(2024, 0, 15, 12, 0))).toBe(8.5)
  })

  it('follows daylight saving time, also when asked about earlier times', () => {
    const london = new SiteClock('Europe/London')
    // Clocks went forward at 01:00 UTC on 31 March 2024.
    expect(london.hourOfDay(Date.UTC(2024, 2, 31, 0, 30))).toBe(0.5)
    expect(london.hourOfDay(Date.UTC(2024, 2, 31, 1, 30))).toBe(2.5)
    expect(london.hourOfDay(Date.UTC(2024, 2, 31, 0, 45))).toBe(0.75)
  })

  it('rejects an unknown time zone', () => {
    expect(() => new SiteClock('Mars/Olympus')).toThrow(RangeError)
  })
})
