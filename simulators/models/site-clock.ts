const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/**
 * Local time of day at a site. Intl is slow next to a model's arithmetic, so the UTC offset is
 * looked up once per UTC hour (time-zone transitions fall on the hour almost everywhere).
 */
export class SiteClock {
  private readonly format: Intl.DateTimeFormat
  private cachedHour = Number.NaN
  private cachedOffsetMs = 0

  /** Throws a RangeError for a time zone Intl does not know. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
  }

  /** Local hour of day at `tsMs`, fractional: 13.5 is half past one in the afternoon. */
  hourOfDay(tsMs: number): number {
    const local = (tsMs + this.offsetMs(tsMs)) % DAY_MS
    return (local < 0 ? local + DAY_MS : local) / HOUR_MS
  }

  offsetMs(tsMs: number): number {
    const hour = Math.floor(tsMs / HOUR_MS)
    if (hour !== this.cachedHour) {
      this.cachedHour = hour
      this.cachedOffsetMs = this.lookUpOffsetMs(hour * HOUR_MS)
    }
    return this.cachedOffsetMs
  }

  private lookUpOffsetMs(tsMs: number): number {
    const part: Record<string, number> = Object.create(null) as Record<string, number>
    for (const { type, value } of this.format.formatToParts(tsMs)) part[type] = Number(value)
    const localAsUtc = Date.UTC(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0)
    return localAsUtc - tsMs
  }
}
