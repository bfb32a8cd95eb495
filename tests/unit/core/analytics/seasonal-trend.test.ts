import { describe, expect, it } from 'vitest'
import { seasonalTrend } from '../../../../core/analytics/seasonal-trend.js'
import { ALERTS, EQUIPMENT, WORK_ORDERS } from '../../../helpers/analytics-fixture.js'

const typeOf = (id: string) => EQUIPMENT.find((item) => item.id === id)?.type

describe('seasonal trend by month and equipment type', () => {
  it('gives every month of the year for each type, quiet months as zeros', () => {
    const points = seasonalTrend(2026, ['pump', 'elevator'], ALERTS, WORK_ORDERS, typeOf)
    expect(points).toHaveLength(24)
    expect(points.find((point) => point.month === '2026-03' && point.equipmentType === 'pump')).toEqual({ month: '2026-03', equipmentType: 'pump', alerts: 0, failures: 0, mttrHours: null })
    // October, pumps: alert a6; WO-6 created Oct 31 (resolved in November, so no October MTTR).
    expect(points.find((point) => point.month === '2026-10' && point.equipmentType === 'pump')).toEqual({ month: '2026-10', equipmentType: 'pump', alerts: 1, failures: 1, mttrHours: null })
    // November, pumps: alerts a1 a2 a3 a4; failures WO-1 2 3 4; MTTR (2 + 3 + 1 + 30 + 2) / 5 = 7.6 h.
    expect(points.find((point) => point.month === '2026-11' && point.equipmentType === 'pump')).toEqual({ month: '2026-11', equipmentType: 'pump', alerts: 4, failures: 4, mttrHours: expect.closeTo(7.6, 9) as unknown })
    // November, elevators: alert a5; WO-5 was preventive.
    expect(points.find((point) => point.month === '2026-11' && point.equipmentType === 'elevator')).toEqual({ month: '2026-11', equipmentType: 'elevator', alerts: 1, failures: 0, mttrHours: null })
  })
})
