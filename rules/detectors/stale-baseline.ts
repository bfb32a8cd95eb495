/**
 * A learned baseline goes stale when the series stops telling it anything for this long: no
 * reading at all (the device was offline), or the same value over and over (a stuck sensor; the
 * flatline rules call a sensor stuck after the same ten minutes). Meanwhile the real level has
 * moved on with the day, so a baseline-learning detector learns afresh when the series moves again.
 */
export const STALE_AFTER_MS = 10 * 60_000

/** Where a series last moved; kept in a detector's state so that it survives snapshots. */
export interface SeriesMotion {
  /** The previous reading's value; null before the first. */
  lastValue: number | null
  /** When the value last changed (or was first read), epoch ms. */
  movedAt: number
}

/**
 * Records a reading; true when the series moves again after a stale stretch (the detector should
 * then forget its baseline and warm up again, starting with this reading).
 */
export function movesAfterStale(motion: SeriesMotion, ts: number, value: number, staleAfterMs: number = STALE_AFTER_MS): boolean {
  if (motion.lastValue === null) {
    motion.lastValue = value
    motion.movedAt = ts
    return false
  }
  if (value === motion.lastValue) return false
  const stale = ts - motion.movedAt > staleAfterMs
  motion.lastValue = value
  motion.movedAt = ts
  return stale
}
