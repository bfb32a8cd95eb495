import { describe, expect, it } from 'vitest'
import { engineerOf, firstTimeFix, meanTimeToAcknowledgeHours, meanTimeToRepairHours, responseWithinDeadline, workOrderKpis } from '../../../../core/analytics/work-order-kpis.js'
import { AS_OF_MS, NOVEMBER, WORK_ORDERS } from '../../../helpers/analytics-fixture.js'

const of = (engineerId: string) => WORK_ORDERS.filter((workOrder) => engineerOf(workOrder) === engineerId)

describe('work-order KPIs over the hand-worked November (tests/helpers/analytics-fixture.ts)', () => {
  it('counts a response deadline met when accepted by it, among deadlines that fell in the period', () => {
    // Deadlines in November: WO-1 met (10:20 ≤ 10:30), WO-2 missed (10:30 > 10:00), WO-3 met, WO-4 met,
    // WO-5 missed (never accepted, passed), WO-6 met (due Nov 1 01:00, created in October).
    // WO-7 was cancelled before its deadline: not counted. 4 of 6.
    expect(responseWithinDeadline(WORK_ORDERS, NOVEMBER, AS_OF_MS)).toEqual({ count: 4, of: 6, rate: 4 / 6 })
  })

  it('leaves out deadlines still ahead', () => {
    // Read on Nov 25 12:00: WO-5, due Nov 26, is undecided. 4 of 5.
    expect(responseWithinDeadline(WORK_ORDERS, NOVEMBER, Date.parse('2026-11-25T12:00:00Z'))).toEqual({ count: 4, of: 5, rate: 0.8 })
  })

  it('counts first-time fixes among corrective work resolved in the period, reopened work never one', () => {
    // Resolved in November: WO-1 yes, WO-2 yes (no fault found, first visit), WO-3 no (not first visit),
    // WO-4 no (first visit, but reopened), WO-6 yes. 3 of 5.
    expect(firstTimeFix(WORK_ORDERS, NOVEMBER)).toEqual({ count: 3, of: 5, rate: 0.6 })
  })

  it('takes MTTA over work accepted in the period and MTTR over corrective work resolved in it', () => {
    // MTTA: WO-1 20 min, WO-2 2 h 30, WO-3 30 min, WO-4 12 h (WO-6 was accepted in October)
    //   = (1/3 + 2.5 + 0.5 + 12) / 4 = 15 h 20 min / 4 = 3 h 50 min.
    expect(meanTimeToAcknowledgeHours(WORK_ORDERS, NOVEMBER)).toBeCloseTo(3 + 50 / 60, 9)
    // MTTR (created → resolved): WO-1 2 h, WO-2 3 h, WO-3 1 h, WO-4 30 h, WO-6 2 h = 38 h / 5 = 7.6 h.
    expect(meanTimeToRepairHours(WORK_ORDERS, NOVEMBER)).toBeCloseTo(7.6, 9)
  })

  it('gives the whole set and each engineer their KPIs', () => {
    expect(workOrderKpis(WORK_ORDERS, NOVEMBER, AS_OF_MS)).toEqual({
      // Created in November: WO-1, 2, 3, 4, 5, 7.
      created: 6,
      responseWithinDeadline: { count: 4, of: 6, rate: 4 / 6 },
      firstTimeFix: { count: 3, of: 5, rate: 0.6 },
      mttaHours: expect.closeTo(3 + 50 / 60, 9) as unknown,
      mttrHours: expect.closeTo(7.6, 9) as unknown,
      // (5 + 3 + 4) / 3
      averageRating: 4,
      ratings: 3
    })
    // ana: WO-1, WO-2, WO-6. Deadlines 2 of 3 met; fixes 3 of 3; MTTA (1/3 + 2.5) / 2 = 1 h 25 min;
    // MTTR (2 + 3 + 2) / 3 = 7/3 h; rating (5 + 3) / 2 = 4.
    expect(workOrderKpis(of('eng-ana'), NOVEMBER, AS_OF_MS)).toMatchObject({ created: 2, responseWithinDeadline: { count: 2, of: 3 }, firstTimeFix: { count: 3, of: 3, rate: 1 }, averageRating: 4 })
    expect(workOrderKpis(of('eng-ana'), NOVEMBER, AS_OF_MS).mttaHours).toBeCloseTo(1 + 25 / 60, 9)
    expect(workOrderKpis(of('eng-ana'), NOVEMBER, AS_OF_MS).mttrHours).toBeCloseTo(7 / 3, 9)
    // bo: WO-3, WO-4. Deadlines 2 of 2; fixes 0 of 2; MTTA (0.5 + 12) / 2 = 6.25 h; MTTR (1 + 30) / 2 = 15.5 h.
    expect(workOrderKpis(of('eng-bo'), NOVEMBER, AS_OF_MS)).toEqual({
      created: 2,
      responseWithinDeadline: { count: 2, of: 2, rate: 1 },
      firstTimeFix: { count: 0, of: 2, rate: 0 },
      mttaHours: 6.25,
      mttrHours: 15.5,
      averageRating: 4,
      ratings: 1
    })
  })

  it('answers null, not zero, when there is nothing to measure', () => {
    expect(workOrderKpis([], NOVEMBER, AS_OF_MS)).toEqual({ created: 0, responseWithinDeadline: { count: 0, of: 0, rate: null }, firstTimeFix: { count: 0, of: 0, rate: null }, mttaHours: null, mttrHours: null, averageRating: null, ratings: 0 })
  })
})
