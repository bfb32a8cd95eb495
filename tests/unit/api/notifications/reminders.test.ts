import { describe, expect, it } from 'vitest'
import { reminderSubject } from '../../../../api/notifications/reminders.js'
import { alertNotification, workOrderNotification } from '../../core/notifications/fixtures.js'

describe('which events start a reminder ladder', () => {
  it('an alert opened or reopened', () => {
    expect(reminderSubject(alertNotification())).toEqual({ kind: 'alert', id: 'al_1' })
    expect(reminderSubject(alertNotification({ kind: 'reopened' }))).toEqual({ kind: 'alert', id: 'al_1' })
    expect(reminderSubject(alertNotification({ kind: 'acknowledged' }))).toBeUndefined()
  })

  it('work assigned or reassigned, not a note on assigned work', () => {
    expect(reminderSubject(workOrderNotification())).toEqual({ kind: 'work_order', id: 'WO-000001', assigneeId: 'eng-li' })
    expect(reminderSubject(workOrderNotification({ from: 'assigned', assigneeId: 'eng-wu' }))).toEqual({ kind: 'work_order', id: 'WO-000001', assigneeId: 'eng-wu' })
    expect(reminderSubject(workOrderNotification({ action: 'note', from: 'assigned' }))).toBeUndefined()
    expect(reminderSubject(workOrderNotification({ action: 'accept', from: 'assigned', to: 'accepted' }))).toBeUndefined()
  })
})
