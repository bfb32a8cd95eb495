import { describe, expect, it } from 'vitest'
import { createRandom, deriveSeed } from '../../../simulators/random.js'

describe('createRandom', () => {
  it('replays the same sequence from the same seed', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    const first = Array.from({ length: 100 }, () => [a.next(), a.gaussian(), a.poisson(3)])
    const second = Array.from({ length: 100 }, () => [b.next(), b.gaussian(), b.poisson(3)])
    expect(first).toEqual(second)
    expect(createRandom(43).next()).not.toBe(createRandom(42).next())
  })

  it('draws uniforms in [0, 1), standard normals and Poisson counts with the right moments', () => {
    const random = createRandom(7)
    const n = 50_000
    let uniformSum = 0
    let min = 1
    let max = 0
    let gaussSum = 0
    let gaussSquares = 0
    let poissonSum = 0
    for (let i = 0; i < n; i++) {
      const u = random.next()
      uniformSum += u
      min = Math.min(min, u)
      max = Math.max(max, u)
      const g = random.gaussian()
      gaussSum += g
      gaussSquares += g * g
      poissonSum += random.poisson(2.5)
    }
    expect(min).toBeGreaterThanOrEqual(0)
    expect(max).toBeLessThan(1)
    expect(uniformSum / n).toBeCloseTo(0.5, 2)
    expect(gaussSum / n).toBeCloseTo(0, 1)
    expect(Math.sqrt(gaussSquares / n)).toBeCloseTo(1, 1)
    expect(poissonSum / n).toBeCloseTo(2.5, 1)
    expect(random.poisson(0)).toBe(0)
    expect(random.poisson(1000)).toBeGreaterThan(850)
  })
})

describe('deriveSeed', () => {
  it('gives each label its own stable seed', () => {
    expect(deriveSeed(1, 'hv-a-pump-1-gw')).toBe(deriveSeed(1, 'hv-a-pump-1-gw'))
    expect(deriveSeed(1, 'hv-a-pump-1-gw')).not.toBe(deriveSeed(1, 'hv-a-pump-2-gw'))
    expect(deriveSeed(1, 'hv-a-pump-1-gw')).not.toBe(deriveSeed(2, 'hv-a-pump-1-gw'))
    expect(deriveSeed(1, 'ab', 'c')).not.toBe(deriveSeed(1, 'a', 'bc'))
  })
})
