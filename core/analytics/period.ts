/** A span of time as [fromMs, toMs): the start counts, the end does not. */
export interface Period {
  fromMs: number
  toMs: number
}

export const HOUR_MS = 3_600_000

/** Whether an ISO time falls in the period; an absent time never does. */
export function inPeriod(iso: string | undefined, period: Period): boolean {
  if (iso === undefined) return false
  const ms = Date.parse(iso)
  return ms >= period.fromMs && ms < period.toMs
}

export function periodHours(period: Period): number {
  return (period.toMs - period.fromMs) / HOUR_MS
}

/** `YYYY-MM` as a UTC calendar month. */
export function monthPeriod(month: string): Period {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  return { fromMs: Date.UTC(year, monthNumber - 1, 1), toMs: Date.UTC(year, monthNumber, 1) }
}

export function yearPeriod(year: number): Period {
  return { fromMs: Date.UTC(year, 0, 1), toMs: Date.UTC(year + 1, 0, 1) }
}

/** `YYYY-MM` of an epoch time, in UTC. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7)
}

/** A share that shows what it is a share of: `rate` is null when there is nothing to count. */
export interface Rate {
  count: number
  of: number
  rate: number | null
}

export function rate(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of }
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length
}

/** Items grouped by a key, in first-seen order (a Map: keys are ids from outside). */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}

/** Total length of intervals after merging overlaps, each clipped to the period. */
export function coveredMs(intervals: readonly (readonly [number, number])[], period: Period): number {
  const clipped = intervals
    .map(([start, end]) => [Math.max(start, period.fromMs), Math.min(end, period.toMs)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  let total = 0
  let current: [number, number] | undefined
  for (const [start, end] of clipped) {
    if (current !== undefined && start <= current[1]) current[1] = Math.max(current[1], end)
    else {
      if (current !== undefined) total += current[1] - current[0]
      current = [start, end]
    }
  }
  return current === undefined ? total : total + current[1] - current[0]
}
