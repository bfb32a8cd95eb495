import { describe, expect, it } from 'vitest'
import { coveredMs, inPeriod, monthPeriod, rate } from '../../../../core/analytics/period.js'

const HOUR = 3_600_000

describe('periods', () => {
  it('is [from, to): the start counts, the end does not', () => {
    const november = monthPeriod('2026-11')
    expect(inPeriod('2026-11-01T00:00:00.000Z', november)).toBe(true)
    expect(inPeriod('2026-12-01T00:00:00.000Z', november)).toBe(false)
    expect(inPeriod(undefined, november)).toBe(false)
    expect((november.toMs - november.fromMs) / HOUR).toBe(720)
  })

  it('merges overlapping intervals and clips them to the period', () => {
    const period = { fromMs: 0, toMs: 10 * HOUR }
    // [-2, 1] clipped to [0, 1]; [3, 5] and [4, 6] merge to [3, 6]; [9, 12] clipped to [9, 10]: 1 + 3 + 1 = 5 h.
    expect(coveredMs([[-2 * HOUR, HOUR], [3 * HOUR, 5 * HOUR], [4 * HOUR, 6 * HOUR], [9 * HOUR, 12 * HOUR]], period) / HOUR).toBe(5)
  })

  it('gives a null rate for nothing counted', () => {
    expect(rate(0, 0)).toEqual({ count: 0, of: 0, rate: null })
  })
})
