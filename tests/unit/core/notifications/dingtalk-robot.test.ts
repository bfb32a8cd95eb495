import { describe, expect, it } from 'vitest'
import { dingTalkPayload, dingTalkSignedUrl } from '../../../../core/notifications/dingtalk-robot.js'
import { notificationMessage } from '../../../../core/notifications/notification-message.js'
import { alertNotification } from './fixtures.js'

describe('DingTalk robot messages', () => {
  it('signs as DingTalk documents: base64 HMAC-SHA256 of "timestamp\\nsecret", URL-encoded', () => {
    // Computed by hand: printf '%s\n%s' 1700000000000 SECexample0123456789 | openssl dgst -sha256 -hmac SECexample0123456789 -binary | base64
    expect(dingTalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECexample0123456789', 1_700_000_000_000)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=figG6qqCA%2FlRh0hsGCW2zNtNV5znkAFut5BI0zKhqnQ%3D'
    )
  })

  it('adds the query with ? when the URL has none', () => {
    expect(dingTalkSignedUrl('https://robot.example/hook', 'SECexample0123456789', 1_700_000_000_000)).toMatch(/^https:\/\/robot\.example\/hook\?timestamp=1700000000000&sign=/)
  })

  it('is a markdown message that @-mentions phones both in `at` and in the text', () => {
    const payload = dingTalkPayload(notificationMessage(alertNotification()), [{ id: 'eng-li', name: 'Li', phone: '13800000001' }, { id: 'eng-wu', name: 'Wu' }])
    expect(payload).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '[critical] alert opened: hv-a-pump-1',
        text:
          '#### [critical] alert opened: hv-a-pump-1\n\n' +
          '- bearing temperature 92 °C above limit 85 °C\n\n' +
          '- rule bearing-overheat, site harbour-view, building hv-tower-a\n\n' +
          '- alert al_1 at 2026-11-30T08:00:00.000Z\n\n' +
          '@13800000001'
      },
      at: { atMobiles: ['13800000001'], isAtAll: false }
    })
  })
})
