import { describe, expect, it } from 'vitest'
import { skabRound } from '../../../../scripts/bench/skab/skab-round.js'

describe('skabRound', () => {
  it('rounds like NumPy: scale, round half to even, scale back', () => {
    // Exact binary ties go to the even neighbour: 12.5 → 12, 37.5 → 38, 267.5 → 268.
    expect(skabRound(0.125)).toBe(0.12)
    expect(skabRound(0.375)).toBe(0.38)
    expect(skabRound(2.675)).toBe(2.68)
    expect(skabRound(-0.125)).toBe(-0.12)
    // 1.005 · 100 is 100.49999999999999 in binary, so NumPy gives 1.0, and so do we.
    expect(skabRound(1.005)).toBe(1)
    expect(skabRound(-634.9212598425197)).toBe(-634.92)
    expect(skabRound(-127.5981, 4)).toBe(-127.5981)
  })

  it('never returns -0', () => {
    expect(Object.is(skabRound(-0), 0)).toBe(true)
    expect(Object.is(skabRound(-0.001), 0)).toBe(true)
  })
})
