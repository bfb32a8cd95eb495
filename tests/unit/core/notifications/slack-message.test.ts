import { describe, expect, it } from 'vitest'
import { notificationMessage } from '../../../../core/notifications/notification-message.js'
import { slackPayload } from '../../../../core/notifications/slack-message.js'
import { workOrderNotification } from './fixtures.js'

describe('Slack messages', () => {
  it('carries text for notifications and blocks for the layout', () => {
    expect(slackPayload(notificationMessage(workOrderNotification()), [{ id: 'eng-li', name: 'Li' }])).toEqual({
      text: '[normal] work order WO-000001 assign: Bearing hot',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '[normal] work order WO-000001 assign: Bearing hot' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'open → assigned by vigil (dispatch) at 2026-11-30T08:01:00.000Z\nequipment hv-a-pump-1, site harbour-view\nassigned to eng-li\nfor Li' } }
      ]
    })
  })
})
