import { describe, expect, it } from 'vitest'
import { parseCsvTime } from '../../../../rules/replay/csv-time.js'

describe('parseCsvTime', () => {
  it('reads ISO-8601 and the space-separated form, without a zone as UTC', () => {
    expect(parseCsvTime('2020-03-09 10:14:33')).toBe(Date.UTC(2020, 2, 9, 10, 14, 33))
    expect(parseCsvTime('2020-03-09T10:14:33Z')).toBe(Date.UTC(2020, 2, 9, 10, 14, 33))
    expect(parseCsvTime('2020-03-09T10:14:33.25')).toBe(Date.UTC(2020, 2, 9, 10, 14, 33, 250))
    expect(parseCsvTime('2020-03-09T10:14:33,123456789Z')).toBe(Date.UTC(2020, 2, 9, 10, 14, 33, 123))
    expect(parseCsvTime('2020-03-09T10:14')).toBe(Date.UTC(2020, 2, 9, 10, 14))
    expect(parseCsvTime('2020-03-09')).toBe(Date.UTC(2020, 2, 9))
  })

  it('applies a zone offset', () => {
    const utc = Date.UTC(2020, 2, 9, 2, 14, 33)
    expect(parseCsvTime('2020-03-09T10:14:33+08:00')).toBe(utc)
    expect(parseCsvTime('2020-03-09T10:14:33+0800')).toBe(utc)
    expect(parseCsvTime('2020-03-09 10:14:33 +08')).toBe(utc)
    expect(parseCsvTime('2020-03-08T21:14:33-05:00')).toBe(utc)
  })

  it('reads epoch seconds and milliseconds, told apart by magnitude', () => {
    expect(parseCsvTime('1583748873')).toBe(1_583_748_873_000)
    expect(parseCsvTime('1583748873.5')).toBe(1_583_748_873_500)
    expect(parseCsvTime('1583748873000')).toBe(1_583_748_873_000)
    expect(parseCsvTime('0')).toBe(0)
    expect(parseCsvTime('1.583748873e9')).toBe(1_583_748_873_000)
  })

  it('refuses what is not a time, or a time that does not exist', () => {
    for (const text of ['', 'yesterday', '2021-02-29', '2020-13-01', '2020-03-09 24:00:00', '2020-03-09 10:60:00', '2020-03-09T10:14:33Zx', '2020-03-09T10:14:3', '2020-03-09T10:14:33+25:00', '1e300', '0x10', '12:00:00']) {
      expect(parseCsvTime(text), text).toBeUndefined()
    }
    expect(parseCsvTime('2020-02-29')).toBe(Date.UTC(2020, 1, 29))
  })
})
