import { describe, expect, it } from 'vitest'
import { ThresholdDetector } from '../../../rules/detectors/threshold.js'

const feed = (detector: ThresholdDetector, values: readonly number[], stepMs = 1000) =>
  values.map((value, i) => detector.update(i * stepMs, value)?.state ?? null)

describe('ThresholdDetector', () => {
  it('fires only after the limit has been breached for forMs, once', () => {
    const detector = new ThresholdDetector({ metric: 't', above: 80, clearAt: 70, forMs: 3000 })
    expect(feed(detector, [79, 81, 82, 83, 84, 85, 86])).toEqual([null, null, null, null, 'fire', null, null])
    expect(detector.active).toBe(true)
  })

  it('restarts the duration when a reading falls back under the limit', () => {
    const detector = new ThresholdDetector({ metric: 't', above: 80, forMs: 2000 })
    expect(feed(detector, [81, 82, 79, 81, 82, 83])).toEqual([null, null, null, null, null, 'fire'])
  })

  it('clears only past the hysteresis value, so hovering at the limit does not flap', () => {
    const detector = new ThresholdDetector({ metric: 't', above: 80, clearAt: 70, forMs: 0 })
    expect(feed(detector, [81, 79, 81, 75, 71, 69.9, 72])).toEqual(['fire', null, null, null, null, 'clear', null])
  })

  it('watches for low values with below', () => {
    const detector = new ThresholdDetector({ metric: 'p', below: 5.5, clearAt: 6.2, forMs: 1000 })
    expect(feed(detector, [7, 5.4, 5.3, 6.0, 6.3])).toEqual([null, null, 'fire', null, 'clear'])
  })

  it('explains why it fired with the value and the limit', () => {
    const detector = new ThresholdDetector({ metric: 'bearing_temp_c', above: 80, forMs: 10_000 })
    detector.update(0, 81)
    const signal = detector.update(10_000, 84.2)
    expect(signal?.explanation).toEqual({ message: 'bearing_temp_c 84.2 above 80 for 10 s', value: 84.2, limit: 80 })
  })

  it('needs exactly one of above and below', () => {
    expect(() => new ThresholdDetector({ metric: 't', forMs: 0 })).toThrow(/exactly one/)
    expect(() => new ThresholdDetector({ metric: 't', above: 1, below: 0, forMs: 0 })).toThrow(/exactly one/)
  })
})
