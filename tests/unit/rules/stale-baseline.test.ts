import { describe, expect, it } from 'vitest'
import { STALE_AFTER_MS, movesAfterStale } from '../../../rules/detectors/stale-baseline.js'
import type { SeriesMotion } from '../../../rules/detectors/stale-baseline.js'

describe('movesAfterStale', () => {
  it('is true only for the first change after more than STALE_AFTER_MS without one, whether the series repeated itself or said nothing', () => {
    const motion: SeriesMotion = { lastValue: null, movedAt: 0 }
    expect(movesAfterStale(motion, 0, 1)).toBe(false)
    expect(movesAfterStale(motion, 1000, 2)).toBe(false)
    // Stuck: the same value until past the limit, then a change.
    expect(movesAfterStale(motion, 1000 + STALE_AFTER_MS, 2)).toBe(false)
    expect(movesAfterStale(motion, 1001 + STALE_AFTER_MS, 3)).toBe(true)
    expect(movesAfterStale(motion, 1002 + STALE_AFTER_MS, 4)).toBe(false)
    // Silent: no reading at all for longer than the limit.
    expect(movesAfterStale(motion, 1003 + 2 * STALE_AFTER_MS, 5)).toBe(true)
    // Exactly at the limit is not yet stale.
    expect(movesAfterStale(motion, 1003 + 3 * STALE_AFTER_MS, 6)).toBe(false)
  })
})
