import { describe, expect, it } from 'vitest'
import type { MaintenancePlan, PlanProgress } from '../../../../core/maintenance/maintenance-plan.js'
import { addInterval, afterOccurrence, dueState } from '../../../../core/maintenance/plan-due.js'

const HOUR = 3_600_000
const START = '2026-01-31T02:00:00.000Z'
const plan = (overrides: Partial<MaintenancePlan> = {}): MaintenancePlan => ({
  id: 'p',
  equipmentId: 'pump-1',
  siteId: 's',
  title: 'Service',
  description: '',
  priority: 'normal',
  startsAt: START,
  checklist: [],
  createdAt: START,
  createdBy: 'mei',
  ...overrides
})

describe('addInterval', () => {
  it('adds days and weeks exactly, and months by the calendar, keeping the day or the last day of a short month', () => {
    const start = Date.parse(START)
    expect(new Date(addInterval(start, { every: 10, unit: 'days' })).toISOString()).toBe('2026-02-10T02:00:00.000Z')
    expect(new Date(addInterval(start, { every: 2, unit: 'weeks' })).toISOString()).toBe('2026-02-14T02:00:00.000Z')
    expect(new Date(addInterval(start, { every: 1, unit: 'months' })).toISOString()).toBe('2026-02-28T02:00:00.000Z')
    expect(new Date(addInterval(start, { every: 12, unit: 'months' })).toISOString()).toBe('2027-01-31T02:00:00.000Z')
    expect(new Date(addInterval(Date.parse('2026-11-15T00:00:00Z'), { every: 3, unit: 'months' })).toISOString()).toBe('2027-02-15T00:00:00.000Z')
  })
})

describe('dueState', () => {
  const monthly = plan({ calendar: { every: 1, unit: 'months' } })

  it('is due at the start, then one interval after each due date', () => {
    expect(dueState(monthly, { occurrences: 0 }, Date.parse(START) - 1)).toEqual({ due: false, next: { by: 'calendar', dueAt: START, projected: false } })
    expect(dueState(monthly, { occurrences: 0 }, Date.parse(START))).toMatchObject({ due: true, by: 'calendar', dueAt: START, reason: 'due by the calendar on 2026-01-31 (every 1 months)' })
    const afterFirst: PlanProgress = { occurrences: 1, lastDueAt: START }
    expect(dueState(monthly, afterFirst, Date.parse('2026-02-27T00:00:00Z'))).toEqual({ due: false, next: { by: 'calendar', dueAt: '2026-02-28T02:00:00.000Z', projected: false } })
  })

  it('is due by use once the counter passes base + every, and projects the date from the usage rate', () => {
    const byUse = plan({ meter: { metric: 'run_hours_total', every: 500 } })
    const progress: PlanProgress = { occurrences: 0, meterBase: 10_000 }
    const now = Date.parse('2026-03-01T00:00:00Z')
    // 10,400 read, rising 20 h a day: the last 100 h take 5 days.
    const rising = { value: 10_400, ratePerMs: 20 / (24 * HOUR) }
    expect(dueState(byUse, progress, now, rising)).toEqual({ due: false, next: { by: 'meter', dueAt: '2026-03-06T00:00:00.000Z', projected: true } })
    expect(dueState(byUse, progress, now, { value: 10_500 })).toMatchObject({ due: true, by: 'meter', dueAt: '2026-03-01T00:00:00.000Z', reason: 'due by use: run_hours_total reached 10,500 (every 500 from 10,000)' })
    // Without a base reading nothing is known about use yet.
    expect(dueState(byUse, { occurrences: 0 }, now, { value: 99_999 })).toEqual({ due: false })
  })

  it('takes whichever comes first, the calendar winning a tie so the words are the same every time', () => {
    const both = plan({ calendar: { every: 3, unit: 'months' }, meter: { metric: 'trips_total', every: 50_000 } })
    const progress: PlanProgress = { occurrences: 1, lastDueAt: START, meterBase: 300_000 }
    const slowUse = { value: 310_000, ratePerMs: 1_000 / (24 * HOUR) }
    // The calendar (2026-04-30) comes before use (40 more days at 1,000 trips a day).
    expect(dueState(both, progress, Date.parse('2026-04-01T00:00:00Z'), slowUse)).toMatchObject({ due: false, next: { by: 'calendar', dueAt: '2026-04-30T02:00:00.000Z' } })
    const heavyUse = { value: 330_000, ratePerMs: 5_000 / (24 * HOUR) }
    expect(dueState(both, progress, Date.parse('2026-04-01T00:00:00Z'), heavyUse)).toMatchObject({ due: false, next: { by: 'meter', dueAt: '2026-04-05T00:00:00.000Z' } })
    expect(dueState(both, progress, Date.parse('2026-05-01T00:00:00Z'), { value: 360_000 })).toMatchObject({ due: true, by: 'calendar' })
  })

  it('starts both counts again from an occurrence', () => {
    const progress = afterOccurrence({ occurrences: 2, lastDueAt: START, meterBase: 1_000 }, { occurrence: 3, by: 'meter', dueAt: '2026-02-10T00:00:00.000Z', reason: 'r', meterAt: 1_520 }, 'WO-000007')
    expect(progress).toEqual({ occurrences: 3, lastDueAt: '2026-02-10T00:00:00.000Z', meterBase: 1_520, lastWorkOrderId: 'WO-000007' })
  })
})
