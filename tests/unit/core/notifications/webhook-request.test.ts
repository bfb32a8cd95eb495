import { describe, expect, it } from 'vitest'
import type { StoredWebhookEndpoint } from '../../../../core/notifications/webhook-endpoint.js'
import { deliveryAccepted, webhookRequest } from '../../../../core/notifications/webhook-request.js'
import { verifySignature } from '../../../../core/notifications/webhook-signature.js'
import { ALERT_EVENT, alertNotification } from './fixtures.js'

const endpoint = (overrides: Partial<StoredWebhookEndpoint>): StoredWebhookEndpoint => ({
  id: 'wh_0123456789abcdef',
  name: 'ops',
  format: 'json',
  url: 'https://hooks.example/vigil',
  filter: { sites: [], kinds: ['alert'], minSeverity: 'info' },
  hasSecret: true,
  createdAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
  secret: 'whsec_test',
  ...overrides
})

describe('the request that delivers an event', () => {
  const nowMs = 1_764_489_600_000

  it('json: the message and the event, signed over the exact body', () => {
    const request = webhookRequest(endpoint({}), alertNotification(), [{ id: 'eng-li', name: 'Li' }], nowMs)
    expect(request.url).toBe('https://hooks.example/vigil')
    expect(request.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-vigil-event': 'alert', 'x-vigil-event-id': 'alert-1764489600000-0' })
    expect(verifySignature(request.body, request.headers['x-vigil-signature'], 'whsec_test', nowMs / 1000)).toEqual({ ok: true })
    expect(JSON.parse(request.body)).toEqual({
      id: 'alert-1764489600000-0',
      kind: 'alert',
      severity: 'critical',
      siteId: 'harbour-view',
      at: '2026-11-30T08:00:00.000Z',
      title: '[critical] alert opened: hv-a-pump-1',
      text: 'bearing temperature 92 °C above limit 85 °C\nrule bearing-overheat, site harbour-view, building hv-tower-a\nalert al_1 at 2026-11-30T08:00:00.000Z',
      mentions: [{ id: 'eng-li', name: 'Li' }],
      event: { alert: ALERT_EVENT }
    })
  })

  it('json without a secret is sent unsigned; dingtalk with one is signed in the URL', () => {
    expect(webhookRequest(endpoint({ secret: undefined, hasSecret: false }), alertNotification(), [], nowMs).headers['x-vigil-signature']).toBeUndefined()
    const dingtalk = webhookRequest(endpoint({ format: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECx1234567' }), alertNotification(), [], nowMs)
    expect(dingtalk.url).toMatch(/^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=abc&timestamp=1764489600000&sign=[A-Za-z0-9%]+$/)
    expect(JSON.parse(dingtalk.body)).toMatchObject({ msgtype: 'markdown' })
  })
})

describe('what counts as delivered', () => {
  it('a 2xx without a robot error code', () => {
    expect(deliveryAccepted(204, '')).toEqual({ ok: true })
    expect(deliveryAccepted(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true })
    expect(deliveryAccepted(200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, error: 'the robot refused the message: {"errcode":310000,"errmsg":"sign not match"}' })
    expect(deliveryAccepted(503, 'busy')).toEqual({ ok: false, error: 'HTTP 503: busy' })
  })
})
