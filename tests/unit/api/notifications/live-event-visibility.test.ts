import { describe, expect, it } from 'vitest'
import { liveEventVisible } from '../../../../api/notifications/live-event-visibility.js'
import { alertNotification, workOrderNotification } from '../../core/notifications/fixtures.js'

describe('who sees what on the live stream', () => {
  const li = { role: 'engineer' as const, engineerId: 'eng-li' }

  it('shows managers, admins and the service account everything, requesters nothing', () => {
    for (const role of ['manager', 'admin', 'service'] as const) expect(liveEventVisible({ role }, workOrderNotification({ assigneeId: 'eng-wu' }))).toBe(true)
    expect(liveEventVisible({ role: 'requester' }, alertNotification())).toBe(false)
    expect(liveEventVisible({ role: 'requester' }, workOrderNotification())).toBe(false)
  })

  it('shows an engineer every alert, their own work and unassigned work only', () => {
    expect(liveEventVisible(li, alertNotification())).toBe(true)
    expect(liveEventVisible(li, workOrderNotification({ assigneeId: 'eng-li' }))).toBe(true)
    expect(liveEventVisible(li, workOrderNotification({ assigneeId: 'eng-wu', responsibleEngineerId: 'eng-li', to: 'in_progress' }))).toBe(true)
    expect(liveEventVisible(li, workOrderNotification({ assigneeId: undefined, action: 'create', from: 'open', to: 'open' }))).toBe(true)
    expect(liveEventVisible(li, workOrderNotification({ assigneeId: 'eng-wu' }))).toBe(false)
    expect(liveEventVisible(li, workOrderNotification({ assigneeId: undefined, to: 'cancelled' }))).toBe(false)
    expect(liveEventVisible({ role: 'engineer' }, workOrderNotification({ assigneeId: undefined, to: 'open' }))).toBe(false)
  })
})
