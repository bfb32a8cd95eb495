import { describe, expect, it } from 'vitest'
import { WORK_ORDER_ACTIONS, allowedActions, applyAction, nextStatus } from '../../../core/domain/work-order-lifecycle.js'
import { WORK_ORDER_STATUSES } from '../../../core/domain/work-order.js'
import type { WorkOrder, WorkOrderStatus } from '../../../core/domain/work-order.js'

/** The lifecycle written out by hand, status by status: every move not listed must be refused. */
const EXPECTED: Record<WorkOrderStatus, Partial<Record<(typeof WORK_ORDER_ACTIONS)[number], WorkOrderStatus>>> = {
  open: { assign: 'assigned', cancel: 'cancelled' },
  assigned: { assign: 'assigned', accept: 'accepted', decline: 'open', cancel: 'cancelled' },
  accepted: { assign: 'assigned', start: 'in_progress', cancel: 'cancelled' },
  in_progress: { resolve: 'resolved', cancel: 'cancelled' },
  resolved: { close: 'closed', reopen: 'reopened' },
  closed: { reopen: 'reopened' },
  cancelled: {},
  reopened: { assign: 'assigned', start: 'in_progress', cancel: 'cancelled' }
}

const base: WorkOrder = {
  id: 'WO-000001',
  equipmentId: 'p1',
  siteId: 's1',
  buildingId: 'b1',
  title: 'Hot bearing',
  description: '',
  priority: 'urgent',
  kind: 'corrective',
  status: 'open',
  source: { kind: 'manual' },
  createdAt: '2026-11-30T08:00:00.000Z',
  createdBy: 'ana',
  responseDueAt: '2026-11-30T08:30:00.000Z',
  version: 1
}

describe('the work-order lifecycle', () => {
  for (const status of WORK_ORDER_STATUSES) {
    it(`from ${status}: allows exactly ${Object.keys(EXPECTED[status]).join(', ') || 'nothing'}`, () => {
      for (const action of WORK_ORDER_ACTIONS) expect(nextStatus(status, action), `${status} --${action}-->`).toBe(EXPECTED[status][action])
      expect(allowedActions(status)).toEqual(WORK_ORDER_ACTIONS.filter((action) => EXPECTED[status][action] !== undefined))
    })
  }

  it('records who and when along the way, keeping the first engineer to accept responsible', () => {
    let wo = applyAction(base, 'assign', { engineerId: 'eng-li' }, '2026-11-30T08:01:00.000Z')
    wo = applyAction(wo, 'accept', {}, '2026-11-30T08:05:00.000Z')
    wo = applyAction(wo, 'assign', { engineerId: 'eng-wu' }, '2026-11-30T08:10:00.000Z')
    wo = applyAction(wo, 'accept', {}, '2026-11-30T08:12:00.000Z')
    expect(wo).toMatchObject({ status: 'accepted', assigneeId: 'eng-wu', responsibleEngineerId: 'eng-li', acceptedAt: '2026-11-30T08:05:00.000Z', version: 5 })
    wo = applyAction(wo, 'start', {}, '2026-11-30T08:20:00.000Z')
    wo = applyAction(wo, 'resolve', { resolution: { code: 'replaced_part', firstVisitFix: true, note: 'bearing' } }, '2026-11-30T09:00:00.000Z')
    wo = applyAction(wo, 'close', {}, '2026-11-30T10:00:00.000Z')
    expect(wo).toMatchObject({ status: 'closed', resolvedAt: '2026-11-30T09:00:00.000Z', closedAt: '2026-11-30T10:00:00.000Z', resolution: { code: 'replaced_part' } })
    // Not fixed after all: back to the responsible engineer, the old resolution cleared.
    wo = applyAction(wo, 'reopen', {}, '2026-12-01T08:00:00.000Z')
    expect(wo).toMatchObject({ status: 'reopened', assigneeId: 'eng-li', reopenedAt: '2026-12-01T08:00:00.000Z' })
    expect(wo.resolution).toBeUndefined()
    expect(wo.closedAt).toBeUndefined()
  })

  it('clears the assignment on decline and refuses a move the lifecycle does not have', () => {
    const assigned = applyAction(base, 'assign', { engineerId: 'eng-li' }, '2026-11-30T08:01:00.000Z')
    const declined = applyAction(assigned, 'decline', {}, '2026-11-30T08:02:00.000Z')
    expect(declined.status).toBe('open')
    expect(declined.assigneeId).toBeUndefined()
    expect(() => applyAction(base, 'resolve', { resolution: { code: 'other', firstVisitFix: false, note: '' } }, '2026-11-30T08:01:00.000Z')).toThrow(/not allowed from open/)
  })
})
