/**
 * Rounds the way SKAB's scorer does: Python's round() on a NumPy float is np.round, which scales
 * by 10^digits, rounds half to even, and scales back. So 0.125 → 0.12 and 0.375 → 0.38, and the
 * scaling's own floating-point error decides near-ties (1.005 → 1.0, as in NumPy).
 */
export function skabRound(value: number, digits = 2): number {
  const factor = 10 ** digits
  const scaled = value * factor
  const floor = Math.floor(scaled)
  const fraction = scaled - floor
  const rounded = fraction > 0.5 ? floor + 1 : fraction < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1
  // `+ 0` turns -0 into 0, so a null detector prints 0, not -0.
  return rounded / factor + 0
}
