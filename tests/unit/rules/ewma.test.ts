import { describe, expect, it } from 'vitest'
import { EwmaDetector } from '../../../rules/detectors/ewma.js'
import type { EwmaParams } from '../../../rules/detectors/ewma.js'

/** Deterministic Gaussian noise (mulberry32 + Box–Muller) so the test never flakes. */
function noise(seed: number): () => number {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
}

const PARAMS: EwmaParams = { metric: 'vibration_mm_s', lambda: 0.1, sigmas: 6, warmupSamples: 120, baselineAlpha: 0.005, direction: 'up', minStdDev: 0.05 }

describe('EwmaDetector', () => {
  it('stays quiet on a day of in-control noise with a slow daily cycle', () => {
    const detector = new EwmaDetector(PARAMS)
    const gauss = noise(7)
    let fired = 0
    for (let s = 0; s < 86_400; s++) {
      const daily = 0.3 * Math.sin((2 * Math.PI * s) / 86_400)
      if (detector.update(s * 1000, 2.2 + daily + 0.1 * gauss())?.state === 'fire') fired++
    }
    expect(fired).toBe(0)
  })

  it('fires once on a developing fault within a minute of its start, with an explanation', () => {
    const detector = new EwmaDetector(PARAMS)
    const gauss = noise(11)
    const signals: { s: number; state: string; message: string }[] = []
    for (let s = 0; s < 600; s++) {
      const fault = s >= 300 ? (s - 300) * 0.025 : 0
      const signal = detector.update(s * 1000, 2.2 + fault + 0.1 * gauss())
      if (signal) signals.push({ s, state: signal.state, message: signal.explanation.message })
    }
    expect(signals).toHaveLength(1)
    expect(signals[0]?.state).toBe('fire')
    expect(signals[0]?.s).toBeGreaterThan(300)
    expect(signals[0]?.s).toBeLessThan(360)
    expect(signals[0]?.message).toMatch(/vibration_mm_s EWMA .* beyond the control limit .* \(baseline 2\.\d+\)/)
  })

  it('ignores a downward shift when watching upward', () => {
    const detector = new EwmaDetector({ ...PARAMS, direction: 'up' })
    const gauss = noise(3)
    for (let s = 0; s < 1000; s++) expect(detector.update(s * 1000, (s < 300 ? 2.2 : 1.0) + 0.1 * gauss())).toBeUndefined()
  })

  it('clears once the fault is fixed and the series is back at its baseline', () => {
    const detector = new EwmaDetector(PARAMS)
    const gauss = noise(5)
    const states: string[] = []
    for (let s = 0; s < 900; s++) {
      const level = s >= 300 && s < 600 ? 4.0 : 2.2
      const signal = detector.update(s * 1000, level + 0.1 * gauss())
      if (signal) states.push(`${signal.state}@${Math.floor(s / 100) * 100}`)
    }
    expect(states).toEqual(['fire@300', 'clear@600'])
  })

  it("learns its baseline again after a stuck sensor or a silent device, not judging the day's new level against a stale one", () => {
    const gauss = noise(13)
    const stuck = new EwmaDetector(PARAMS)
    // Live for 10 minutes, stuck at one reading for 30 minutes, live again 0.15 mm/s higher (the day moved on).
    for (let s = 0; s < 600; s++) expect(stuck.update(s * 1000, 2.2 + 0.1 * gauss())).toBeUndefined()
    for (let s = 600; s < 2400; s++) expect(stuck.update(s * 1000, 2.15)).toBeUndefined()
    for (let s = 2400; s < 4000; s++) expect(stuck.update(s * 1000, 2.35 + 0.1 * gauss())).toBeUndefined()
    const silent = new EwmaDetector(PARAMS)
    for (let s = 0; s < 600; s++) expect(silent.update(s * 1000, 2.2 + 0.1 * gauss())).toBeUndefined()
    for (let s = 7800; s < 9000; s++) expect(silent.update(s * 1000, 2.4 + 0.1 * gauss())).toBeUndefined()
  })

  it('ends an alarm in progress when it has to learn its baseline again', () => {
    const detector = new EwmaDetector(PARAMS)
    const gauss = noise(17)
    const states: string[] = []
    for (let s = 0; s < 600; s++) {
      const signal = detector.update(s * 1000, (s < 300 ? 2.2 : 4.0) + 0.1 * gauss())
      if (signal) states.push(signal.state)
    }
    // An hour of silence, then the same high level: the old baseline is gone, and so is its alarm.
    const signal = detector.update(4_200_000, 4.0 + 0.1 * gauss())
    expect([...states, signal?.state]).toEqual(['fire', 'clear'])
    expect(signal?.explanation.message).toMatch(/learning its baseline again/)
  })

  it('learns nothing from warm-up it has not finished: no signal during warm-up', () => {
    const detector = new EwmaDetector(PARAMS)
    for (let s = 0; s < PARAMS.warmupSamples; s++) expect(detector.update(s, s === 50 ? 100 : 2)).toBeUndefined()
  })
})
