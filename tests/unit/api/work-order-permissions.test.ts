import { describe, expect, it } from 'vitest'
import { refusal, visibleToEngineer } from '../../../api/work-orders/work-order-permissions.js'
import type { WorkOrder } from '../../../core/domain/work-order.js'

const wo = (fields: Partial<WorkOrder>): WorkOrder =>
  ({ id: 'WO-000001', status: 'assigned', assigneeId: 'eng-li', version: 2, ...fields }) as WorkOrder
const li = { name: 'li', role: 'engineer' as const, engineerId: 'eng-li' }
const wu = { name: 'wu', role: 'engineer' as const, engineerId: 'eng-wu' }

describe('who may change a work order', () => {
  it('lets managers and admins do anything', () => {
    for (const role of ['admin', 'manager'] as const) expect(refusal({ name: 'm', role }, wo({}), { action: 'cancel' })).toBeUndefined()
  })

  it('lets an engineer work their own assignment, not someone else\'s', () => {
    expect(refusal(li, wo({}), { action: 'accept' })).toBeUndefined()
    expect(refusal(wu, wo({}), { action: 'accept' })).toMatch(/not assigned to you/)
    expect(refusal(li, wo({}), { action: 'close' })).toMatch(/only a manager/)
  })

  it('lets an engineer take unassigned work for themselves only', () => {
    const open = wo({ status: 'open', assigneeId: undefined })
    expect(refusal(wu, open, { action: 'assign', engineerId: 'eng-wu' })).toBeUndefined()
    expect(refusal(wu, open, { action: 'assign', engineerId: 'eng-li' })).toMatch(/only take work for themselves/)
    expect(refusal(wu, wo({}), { action: 'assign', engineerId: 'eng-wu' })).toMatch(/assigned to someone else/)
  })

  it('lets the responsible engineer resume reopened work', () => {
    expect(refusal(li, wo({ status: 'reopened', assigneeId: 'eng-wu', responsibleEngineerId: 'eng-li' }), { action: 'start' })).toBeUndefined()
  })

  it('refuses requesters, unbound engineer tokens, and the service account beyond assign and reopen', () => {
    expect(refusal({ name: 'r', role: 'requester' }, wo({}), { action: 'accept' })).toMatch(/may not change/)
    expect(refusal({ name: 'x', role: 'engineer' }, wo({}), { action: 'accept' })).toMatch(/not bound to an engineer/)
    expect(refusal({ name: 's', role: 'service' }, wo({}), { action: 'accept' })).toMatch(/only assign and reopen/)
    expect(refusal({ name: 's', role: 'service' }, wo({}), { action: 'reopen' })).toBeUndefined()
  })

  it('shows an engineer their own and unassigned work only', () => {
    expect(visibleToEngineer(wo({}), 'eng-li')).toBe(true)
    expect(visibleToEngineer(wo({}), 'eng-wu')).toBe(false)
    expect(visibleToEngineer(wo({ status: 'open', assigneeId: undefined }), 'eng-wu')).toBe(true)
    expect(visibleToEngineer(wo({ assigneeId: 'eng-wu', responsibleEngineerId: 'eng-li' }), 'eng-li')).toBe(true)
  })
})
