/** Deterministic Gaussian noise (mulberry32 + Box–Muller), so detector tests never flake. */
export function gaussian(seed: number): () => number {
  let a = seed >>> 0
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
}

export interface Transition {
  index: number
  state: 'fire' | 'clear'
}

/** Feeds `values` (one per `stepMs`) to a detector and lists where it changed state. */
export function transitionsOf(detector: { update(ts: number, value: number): { state: 'fire' | 'clear' } | undefined }, values: readonly number[], stepMs = 1000): Transition[] {
  const transitions: Transition[] = []
  values.forEach((value, index) => {
    const signal = detector.update(index * stepMs, value)
    if (signal !== undefined) transitions.push({ index, state: signal.state })
  })
  return transitions
}

/** n readings: level + noise·sigma, with `shape(i)` added. */
export function series(n: number, level: number, sigma: number, seed: number, shape: (i: number) => number = () => 0): number[] {
  const noise = gaussian(seed)
  return Array.from({ length: n }, (_, i) => level + sigma * noise() + shape(i))
}
