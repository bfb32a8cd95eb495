import { describe, expect, it } from 'vitest'
import { notificationMessage } from '../../../../core/notifications/notification-message.js'
import { weComPayload } from '../../../../core/notifications/wecom-robot.js'
import { alertNotification, workOrderNotification } from './fixtures.js'

describe('WeCom robot messages', () => {
  it('is markdown content with the title coloured by severity and people named', () => {
    expect(weComPayload(notificationMessage(alertNotification()), [{ id: 'eng-li', name: 'Li' }])).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '**<font color="warning">[critical] alert opened: hv-a-pump-1</font>**\n' +
          '> bearing temperature 92 °C above limit 85 °C\n' +
          '> rule bearing-overheat, site harbour-view, building hv-tower-a\n' +
          '> alert al_1 at 2026-11-30T08:00:00.000Z\n' +
          'for Li'
      }
    })
  })

  it('colours normal work as a comment and keeps content within 4096 bytes', () => {
    const content = (weComPayload(notificationMessage(workOrderNotification({ title: '水泵'.repeat(3000) })), []) as { markdown: { content: string } }).markdown.content
    expect(content.startsWith('**<font color="comment">[normal] work order WO-000001 assign: 水泵')).toBe(true)
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096)
    expect(content.endsWith('...')).toBe(true)
  })
})
