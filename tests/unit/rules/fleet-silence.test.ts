import { describe, expect, it } from 'vitest'
import { FleetSilence } from '../../../rules/fleet-silence.js'

const S = 1000

describe('FleetSilence', () => {
  it('is silent while no device at all was heard within quietMs, and dates its end by the first device heard after it', () => {
    const silence = new FleetSilence()
    expect(silence.observe(100 * S, [10 * S, 95 * S], 60 * S)).toBe(false)
    expect(silence.heardSinceMs).toBeUndefined()
    expect(silence.observe(200 * S, [10 * S, 95 * S], 60 * S)).toBe(true)
    expect(silence.observe(300 * S, [10 * S, 95 * S], 60 * S)).toBe(true)
    // Two devices heard again at 290 s and 298 s; the one last seen at 10 s is still silent.
    expect(silence.observe(305 * S, [10 * S, 290 * S, 298 * S], 60 * S)).toBe(false)
    expect(silence.heardSinceMs).toBe(290 * S)
  })

  it('treats a fleet never heard from as silent, and its first reading as the end of the spell', () => {
    const silence = new FleetSilence()
    expect(silence.observe(0, [], 60 * S)).toBe(true)
    expect(silence.observe(30 * S, [25 * S, 28 * S], 60 * S)).toBe(false)
    expect(silence.heardSinceMs).toBe(25 * S)
  })
})
