import { describe, expect, it } from 'vitest'
import { retryDelayMs } from '../../../ingest/retry-delay.js'

describe('retryDelayMs', () => {
  it('doubles the ceiling each attempt up to the maximum', () => {
    const top = () => 1
    expect([0, 1, 2, 3, 10, 50].map((attempt) => retryDelayMs(attempt, 100, 10_000, top))).toEqual([100, 200, 400, 800, 10_000, 10_000])
  })

  it('spreads retries over [1, ceiling] with jitter', () => {
    expect(retryDelayMs(3, 100, 10_000, () => 0)).toBe(1)
    expect(retryDelayMs(3, 100, 10_000, () => 0.5)).toBe(400)
  })
})
