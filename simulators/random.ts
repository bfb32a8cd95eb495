/** A seeded source of randomness, so a simulated fleet replays exactly from its seed. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  between(min: number, max: number): number
  /** Standard normal (mean 0, standard deviation 1). */
  gaussian(): number
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number
}

/** mulberry32 with Box–Muller Gaussians. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  let spare: number | undefined
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const gaussian = (): number => {
    if (spare !== undefined) {
      const value = spare
      spare = undefined
      return value
    }
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()))
    const angle = 2 * Math.PI * next()
    spare = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }
  return {
    next,
    gaussian,
    between: (min, max) => min + (max - min) * next(),
    poisson(mean) {
      if (mean <= 0) return 0
      // Knuth's product method is exact but O(mean); past 30 the normal approximation is close enough.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()))
      const limit = Math.exp(-mean)
      let count = 0
      let product = next()
      while (product > limit) {
        count++
        product *= next()
      }
      return count
    }
  }
}

/** A 32-bit seed for one named stream (a device, a purpose) derived from the run's seed (FNV-1a). */
export function deriveSeed(seed: number, ...labels: string[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0)
  for (const label of labels) {
    for (let i = 0; i < label.length; i++) {
      hash ^= label.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193)
    }
    hash ^= 0xff
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
