import { describe, expect, it } from 'vitest'
import type { NotificationEvent } from '../../../../core/notifications/notification-event.js'
import { concernedEngineerIds, endpointWants, routeEvent, streamWants } from '../../../../core/notifications/notification-routing.js'
import type { Addressee } from '../../../../core/notifications/notification-routing.js'
import type { WebhookFilter } from '../../../../core/notifications/webhook-endpoint.js'
import { alertNotification, workOrderNotification } from './fixtures.js'

const everything: WebhookFilter = { sites: [], kinds: ['alert', 'work_order', 'escalation', 'notice', 'reminder'], minSeverity: 'info' }

const reminder = (rung: 'assignee' | 'supervisor' | 'managers'): NotificationEvent => ({
  kind: 'reminder',
  id: 'reminder-x-0',
  reminder: { at: '2026-11-30T08:10:00.000Z', siteId: 'harbour-view', severity: 'warning', title: 'r', text: 't', subject: { kind: 'work_order', id: 'WO-000001' }, rung, reminder: 1, recipientIds: ['eng-li'] }
})

describe('which endpoints get an event', () => {
  it('matches kind, site and least severity', () => {
    expect(endpointWants(everything, alertNotification())).toBe(true)
    expect(endpointWants({ ...everything, kinds: ['work_order'] }, alertNotification())).toBe(false)
    expect(endpointWants({ ...everything, sites: ['other-site'] }, alertNotification())).toBe(false)
    expect(endpointWants({ ...everything, sites: ['harbour-view'] }, alertNotification())).toBe(true)
    expect(endpointWants({ ...everything, minSeverity: 'critical' }, alertNotification({ severity: 'warning' }))).toBe(false)
  })

  it('reads a work order priority as a severity: normal is a warning', () => {
    expect(endpointWants({ ...everything, minSeverity: 'warning' }, workOrderNotification({ priority: 'normal' }))).toBe(true)
    expect(endpointWants({ ...everything, minSeverity: 'warning' }, workOrderNotification({ priority: 'low' }))).toBe(false)
    expect(endpointWants({ ...everything, minSeverity: 'critical' }, workOrderNotification({ priority: 'urgent' }))).toBe(true)
  })

  it('sends reminders that climbed past the assignee to escalation endpoints too', () => {
    const escalations: WebhookFilter = { ...everything, kinds: ['escalation'] }
    expect(endpointWants(escalations, reminder('assignee'))).toBe(false)
    expect(endpointWants(escalations, reminder('supervisor'))).toBe(true)
    expect(endpointWants(escalations, reminder('managers'))).toBe(true)
  })
})

describe('whom each delivery names', () => {
  const li: Addressee = { mention: { id: 'eng-li', name: 'Li', phone: '13800000001' }, preferences: { severities: ['critical'], channels: ['stream', 'wh_a'] } }
  const wu: Addressee = { mention: { id: 'eng-wu', name: 'Wu' }, preferences: { severities: ['info', 'warning', 'critical'], channels: ['wh_b'] } }
  const endpoints = [
    { id: 'wh_a', filter: everything },
    { id: 'wh_b', filter: everything },
    { id: 'wh_c', filter: { ...everything, kinds: ['work_order' as const] } }
  ]

  it('names on each endpoint the people who chose it for the severity', () => {
    expect(routeEvent(alertNotification(), endpoints, [li, wu])).toEqual([
      { endpointId: 'wh_a', mentions: [li.mention] },
      { endpointId: 'wh_b', mentions: [wu.mention] }
    ])
    expect(routeEvent(alertNotification({ severity: 'warning' }), endpoints, [li, wu])).toEqual([
      { endpointId: 'wh_a', mentions: [] },
      { endpointId: 'wh_b', mentions: [wu.mention] }
    ])
  })

  it('shows the stream only the severities chosen, and only to those who kept the stream', () => {
    expect(streamWants(li.preferences, alertNotification())).toBe(true)
    expect(streamWants(li.preferences, alertNotification({ severity: 'info' }))).toBe(false)
    expect(streamWants(wu.preferences, alertNotification())).toBe(false)
  })

  it('concerns a site team with its alerts, the assignee with work, the supervisor with escalations', () => {
    const team = [
      { id: 'eng-li', supervisor: false },
      { id: 'eng-zhao', supervisor: true }
    ]
    expect(concernedEngineerIds(alertNotification(), team)).toEqual(['eng-li', 'eng-zhao'])
    expect(concernedEngineerIds(workOrderNotification({ responsibleEngineerId: 'eng-li' }), team)).toEqual(['eng-li'])
    expect(concernedEngineerIds(workOrderNotification({ assigneeId: undefined }), team)).toEqual([])
    expect(
      concernedEngineerIds(
        { kind: 'escalation', id: 'e', escalation: { workOrderId: 'WO-1', siteId: 'harbour-view', equipmentId: 'p', priority: 'urgent', dueAt: '', escalatedAt: '', reason: 'deadline_missed', supervisorId: 'eng-zhao' } },
        team
      )
    ).toEqual(['eng-zhao'])
    expect(concernedEngineerIds(reminder('assignee'), team)).toEqual(['eng-li'])
  })
})
