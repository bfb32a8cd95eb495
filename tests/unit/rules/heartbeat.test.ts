import { describe, expect, it } from 'vitest'
import { HeartbeatDetector } from '../../../rules/detectors/heartbeat.js'

const S = 1000
const T0 = Date.UTC(2024, 2, 1)
const detector = (watchingSince?: number) => new HeartbeatDetector({ deviceId: 'gw-1', timeoutMs: 120 * S }, watchingSince)

describe('HeartbeatDetector', () => {
  it('reports a device already silent when watching starts at the first check', () => {
    const d = detector(T0)
    const signal = d.update(T0, { lastSeenMs: T0 - 312 * S })
    expect(signal).toEqual({
      state: 'fire',
      explanation: { message: 'sensor gw-1 offline: silent for 312 s (limit 120 s); check the sensor or its gateway — a gap in monitoring, not an equipment fault', value: 312, limit: 120 }
    })
    expect(d.active).toBe(true)
    expect(d.score).toBeCloseTo(2.6)
  })

  it('counts a device never seen from when watching started', () => {
    const d = detector(T0)
    expect(d.update(T0 + 60 * S, { lastSeenMs: undefined })).toBeUndefined()
    expect(d.update(T0 + 120 * S, { lastSeenMs: undefined })).toBeUndefined()
    const signal = d.update(T0 + 121 * S, { lastSeenMs: undefined })
    expect(signal?.state).toBe('fire')
    expect(signal?.explanation).toMatchObject({ value: 121, limit: 120 })
    expect(signal?.explanation.message).toMatch(/^sensor gw-1 offline: nothing stored from it in the 121 s Vigil has watched it/)
  })

  it('without a start time, watches from its first check', () => {
    const d = detector()
    expect(d.update(T0, { lastSeenMs: undefined })).toBeUndefined()
    expect(d.update(T0 + 121 * S, { lastSeenMs: undefined })?.state).toBe('fire')
  })

  it('clears as soon as the device reports again', () => {
    const d = detector(T0)
    d.update(T0, { lastSeenMs: T0 - 600 * S })
    expect(d.update(T0 + 15 * S, { lastSeenMs: T0 - 600 * S })).toBeUndefined()
    expect(d.update(T0 + 30 * S, { lastSeenMs: T0 + 29 * S })).toEqual({
      state: 'clear',
      explanation: { message: 'sensor gw-1 reporting (last reading stored 1 s ago)', value: 1, limit: 120 }
    })
    expect(d.active).toBe(false)
  })

  it('lets a gap shorter than the timeout pass, and reports a longer one once', () => {
    const d = detector(T0)
    const states: string[] = []
    let lastSeen = T0
    for (let s = 0; s <= 600; s += 15) {
      if (s < 100 || (s > 190 && s < 300) || s > 500) lastSeen = T0 + s * S // silent 100–190 s (90 s), then 300–500 s (200 s)
      const signal = d.update(T0 + s * S, { lastSeenMs: lastSeen })
      if (signal !== undefined) states.push(`${signal.state}@${s}`)
    }
    expect(states).toEqual(['fire@420', 'clear@510'])
  })

  it('does not hold Vigil\'s own blind spell against the device, but clears only on its own sign of life', () => {
    const d = detector(T0)
    // Last seen 100 s before the spell ended: counted from the end of the spell.
    expect(d.update(T0 + 60 * S, { lastSeenMs: T0 - 40 * S, fleetHeardSinceMs: T0 + 60 * S })).toBeUndefined()
    expect(d.update(T0 + 180 * S, { lastSeenMs: T0 - 40 * S, fleetHeardSinceMs: T0 + 60 * S })).toBeUndefined()
    const fire = d.update(T0 + 181 * S, { lastSeenMs: T0 - 40 * S, fleetHeardSinceMs: T0 + 60 * S })
    expect(fire?.explanation.value).toBe(221) // the whole silence, in the message
    // A later spell does not clear it: only a reading does.
    expect(d.update(T0 + 400 * S, { lastSeenMs: T0 - 40 * S, fleetHeardSinceMs: T0 + 390 * S })).toBeUndefined()
    expect(d.update(T0 + 415 * S, { lastSeenMs: T0 + 410 * S, fleetHeardSinceMs: T0 + 390 * S })?.state).toBe('clear')
  })

  it('resumes from a snapshot exactly, never-seen start included', () => {
    const original = detector()
    original.update(T0, { lastSeenMs: undefined })
    const restored = detector()
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())))
    for (const s of [60, 121, 130, 200]) {
      const sighting = { lastSeenMs: s === 200 ? T0 + 199 * S : undefined }
      expect(restored.update(T0 + s * S, sighting)).toEqual(original.update(T0 + s * S, sighting))
      expect(restored.score).toBe(original.score)
    }
  })
})
