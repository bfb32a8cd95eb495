import { describe, expect, it } from 'vitest'
import { MahalanobisDetector, cholesky } from '../../../rules/detectors/mahalanobis.js'
import { gaussian } from '../../helpers/synthetic-series.js'

describe('MahalanobisDetector', () => {
  const make = () =>
    new MahalanobisDetector({ metrics: ['current', 'flow', 'pressure'], warmupSamples: 300, lambda: 0.2, quantile: 0.995, factor: 1.5, consecutive: 3, ridge: 0.01 })

  /** Healthy: flow and current move together with the load; pressure follows flow. */
  function reading(noise: () => number, load: number, broken = false): number[] {
    const flow = 40 + 10 * load + 0.5 * noise()
    const current = broken ? 30 + 0.2 * noise() : 20 + 0.25 * (flow - 40) + 0.2 * noise()
    return [current, flow, 3 + 0.02 * flow + 0.02 * noise()]
  }

  // The warm-up must see the whole operating range: here the load cycles every ~250 readings.
  it('stays quiet while the readings go together, whatever the load', () => {
    const detector = make()
    const noise = gaussian(1)
    let fired = 0
    for (let i = 0; i < 5000; i++) if (detector.update(i, reading(noise, Math.sin(i / 40)))?.state === 'fire') fired++
    expect(detector.fitted).toBe(true)
    expect(fired).toBe(0)
  })

  it('fires when one reading stops following the others, though each stays in its usual range, and names it', () => {
    const detector = make()
    const noise = gaussian(2)
    for (let i = 0; i < 1000; i++) detector.update(i, reading(noise, Math.sin(i / 40)))
    let signal
    for (let i = 1000; i < 1100 && signal === undefined; i++) {
      // Current stuck at 30 A while the load (and flow) is low: 30 A alone is within its usual range.
      signal = detector.update(i, reading(noise, -0.9, true))
    }
    expect(signal?.state).toBe('fire')
    expect(signal?.explanation.message).toMatch(/most off: current/)
  })

  it('factors a positive definite matrix', () => {
    // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]
    expect(cholesky([4, 0, 2, 3], 2).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([2, 0, 1, Math.round(Math.SQRT2 * 1e9) / 1e9])
    expect(() => cholesky([1, 0, 1, 1], 2)).toThrow(/not positive definite/)
  })
})
