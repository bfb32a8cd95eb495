import type { IsoWeekday } from './engineer.js'

/** A moment as the clocks and calendars of one time zone show it. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string
  isoWeekday: IsoWeekday
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number
}

// Building a DateTimeFormat costs far more than using one; one per time zone is kept.
const formats = new Map<string, Intl.DateTimeFormat>()

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    formats.set(timeZone, format)
  }
  return format
}

/** Whether Intl knows `timeZone` (an IANA name such as Asia/Shanghai, or UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone)
    return true
  } catch {
    return false
  }
}

/** The local date, weekday and time of day at `atMs` in `timeZone`; throws a RangeError for an unknown zone. */
export function localTime(atMs: number, timeZone: string): LocalTime {
  const part: Record<string, number> = Object.create(null) as Record<string, number>
  for (const { type, value } of formatFor(timeZone).formatToParts(atMs)) part[type] = Number(value)
  const year = part.year ?? 1970
  const month = part.month ?? 1
  const day = part.day ?? 1
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    isoWeekday: (weekday === 0 ? 7 : weekday) as IsoWeekday,
    minuteOfDay: (part.hour ?? 0) * 60 + (part.minute ?? 0)
  }
}
