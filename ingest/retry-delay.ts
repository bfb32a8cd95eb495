/**
 * "Full jitter" exponential backoff: a random wait between 0 and min(max, base * 2^attempt), so
 * that many writers recovering from the same outage do not retry in step.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  return Math.max(1, Math.round(random() * ceiling))
}
