import { describe, expect, it } from 'vitest'
import { mtbfByEquipment } from '../../../../core/analytics/mtbf.js'
import type { WorkOrder } from '../../../../core/domain/work-order.js'
import { NOVEMBER, WORK_ORDERS } from '../../../helpers/analytics-fixture.js'

describe('MTBF per equipment', () => {
  it('is (period hours − downtime) / failures for each equipment that failed in the period', () => {
    expect(mtbfByEquipment(WORK_ORDERS, NOVEMBER)).toEqual([
      // p1: failures WO-1, WO-2, WO-3 (WO-6 was created in October); downtime 2 h + 3 h + 1 h = 6 h.
      // MTBF = (720 h − 6 h) / 3 = 238 h.
      { equipmentId: 'p1', siteId: 's1', failures: 3, downtimeHours: 6, mtbfHours: 238 },
      // p2: failure WO-4 (WO-7 was cancelled: no failure); down from Nov 15 00:00 to Nov 16 06:00 = 30 h.
      // MTBF = (720 h − 30 h) / 1 = 690 h. lift-1 had only preventive work: no failure, no MTBF.
      { equipmentId: 'p2', siteId: 's1', failures: 1, downtimeHours: 30, mtbfHours: 690 }
    ])
  })

  it('counts overlapping downtime once and clips open work to the period end', () => {
    const base = WORK_ORDERS[2] as WorkOrder
    const overlapping: WorkOrder[] = [
      { ...base, id: 'A', createdAt: '2026-11-30T10:00:00.000Z', resolvedAt: '2026-11-30T14:00:00.000Z' },
      // Opened during A, still open: down until the period's end, Dec 1 00:00.
      { ...base, id: 'B', createdAt: '2026-11-30T12:00:00.000Z', status: 'in_progress', resolvedAt: undefined }
    ]
    // Downtime: Nov 30 10:00 → Dec 1 00:00 = 14 h (A's 12:00–14:00 counted once). MTBF = (720 − 14) / 2 = 353 h.
    expect(mtbfByEquipment(overlapping, NOVEMBER)).toEqual([{ equipmentId: 'p1', siteId: 's1', failures: 2, downtimeHours: 14, mtbfHours: 353 }])
  })
})
