import { createHmac } from 'node:crypto'
import { QueueEvents } from 'bullmq'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../../api/app.js'
import { WEBHOOK_DELIVERY_QUEUE } from '../../../../api/notifications/webhook-deliveries.js'
import { ApiTokenStore } from '../../../../core/auth/api-tokens.js'
import { verifySignature } from '../../../../core/notifications/webhook-signature.js'
import { EngineerStore } from '../../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../../helpers/team-fixture.js'
import { testApiDeps } from '../../../helpers/test-api.js'
import { testRedis } from '../../../helpers/test-services.js'
import type { TestRedis } from '../../../helpers/test-services.js'
import { WebhookReceiver } from './webhook-receiver.js'

/** Retries 50 ms apart, doubling: a delivery that fails twice lands within a second. Reminders far off. */
const POLICY = { webhookAttempts: 5, webhookBackoffMs: 50, webhookTimeoutMs: 2000, reminderEveryMs: 3_600_000, remindersPerRung: 1 }

describe('webhooks: signed, retried with backoff through BullMQ, every attempt logged', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let receiver: WebhookReceiver
  let events: QueueEvents
  let manager: string
  let engineerToken: string

  beforeAll(async () => {
    redis = testRedis()
    await registerPump(new RegistryStore(redis.redis, redis.keys))
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [engineer('eng-li', PUMP.siteId, { name: 'Li', contact: { phone: '13800000001' } })])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    engineerToken = await tokens.issue({ name: 'li', role: 'engineer', engineerId: 'eng-li' })
    receiver = await WebhookReceiver.start()
    events = new QueueEvents(WEBHOOK_DELIVERY_QUEUE, { connection: redis.redis.duplicate(), prefix: redis.keys.bullPrefix })
    await events.waitUntilReady()
    app = await buildApp({ ...(await testApiDeps(redis)), autoDispatch: false, jobs: true, notificationPolicy: POLICY })
  })
  afterAll(async () => {
    await app.close()
    await events.close()
    await receiver.close()
    await redis.close()
  })

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, as = manager) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${as}` }, ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, body: response.body === '' ? {} : response.json<Record<string, unknown>>() }
  }

  /** Resolves when the delivery job of `endpointId` completes (after its last logged attempt); rejects if it fails for good. */
  const delivered = (endpointId: string) =>
    new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        events.off('completed', onCompleted)
        events.off('failed', onFailed)
        if (error === undefined) resolve()
        else reject(error)
      }
      const onCompleted = ({ jobId }: { jobId: string }) => {
        if (jobId.endsWith(endpointId)) settle()
      }
      const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
        if (jobId.endsWith(endpointId) && !failedReason.includes('HTTP 500')) settle(new Error(failedReason))
      }
      events.on('completed', onCompleted)
      events.on('failed', onFailed)
    })

  it('delivers on the third attempt to a receiver that fails twice, signing every attempt', async () => {
    const created = await call('POST', '/api/v1/webhooks', { name: 'ops', format: 'json', url: receiver.url('/json'), filter: { kinds: ['work_order'] } })
    expect(created.status).toBe(201)
    const hook = created.body as { id: string; secret: string; hasSecret: boolean }
    expect(hook.secret).toMatch(/^whsec_/)
    expect(hook.hasSecret).toBe(true)
    receiver.answer('/json', 500, 500)
    const done = delivered(hook.id)

    const order = (await call('POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Bearing noise', priority: 'urgent' })).body as { id: string }
    await done

    const requests = receiver.to('/json')
    expect(requests.map((request) => request.status)).toEqual([500, 500, 200])
    for (const request of requests) {
      expect(verifySignature(request.body, request.headers['x-vigil-signature'] as string, hook.secret, Date.now() / 1000)).toEqual({ ok: true })
      expect(JSON.parse(request.body)).toMatchObject({ kind: 'work_order', severity: 'critical', siteId: PUMP.siteId, event: { workOrder: { workOrderId: order.id, action: 'create', to: 'open' } } })
    }
    expect(new Set(requests.map((request) => request.headers['x-vigil-event-id'])).size).toBe(1)

    const log = (await call('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).body.items as { attempt: number; outcome: string; statusCode?: number; deliveryId: string }[]
    expect(log.map(({ attempt, outcome, statusCode }) => ({ attempt, outcome, statusCode }))).toEqual([
      { attempt: 3, outcome: 'delivered', statusCode: 200 },
      { attempt: 2, outcome: 'retrying', statusCode: 500 },
      { attempt: 1, outcome: 'retrying', statusCode: 500 }
    ])
    expect(new Set(log.map((entry) => entry.deliveryId)).size).toBe(1)
    expect(await call('DELETE', `/api/v1/webhooks/${hook.id}`)).toMatchObject({ status: 204 })
  })

  it('signs DingTalk requests in the URL and sends WeCom and Slack their markdown, naming who asked to be', async () => {
    const secret = 'SECexample0123456789'
    const ding = (await call('POST', '/api/v1/webhooks', { name: 'ding', format: 'dingtalk', url: `${receiver.url('/ding')}?access_token=abc`, secret, filter: { kinds: ['work_order'], minSeverity: 'warning' } })).body as { id: string }
    await call('POST', '/api/v1/webhooks', { name: 'wecom', format: 'wecom', url: receiver.url('/wecom'), filter: { kinds: ['work_order'] } })
    const slack = (await call('POST', '/api/v1/webhooks', { name: 'slack', format: 'slack', url: receiver.url('/slack'), filter: { kinds: ['work_order'], sites: ['elsewhere'] } })).body as { id: string }
    expect((await call('PUT', '/api/v1/me/notification-preferences', { severities: ['warning', 'critical'], channels: ['stream', ding.id, 'wh_0000000000000000'] }, engineerToken)).status).toBe(400)
    const preferences = await call('PUT', '/api/v1/me/notification-preferences', { severities: ['warning', 'critical'], channels: ['stream', ding.id] }, engineerToken)
    expect(preferences).toMatchObject({ status: 200, body: { ownerId: 'eng-li', channels: ['stream', ding.id] } })

    const order = (await call('POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Seal leak', priority: 'normal' })).body as { id: string }
    expect((await call('POST', `/api/v1/work-orders/${order.id}/assign`, { engineerId: 'eng-li' })).status).toBe(200)
    // Each got the creation, then the assignment.
    await Promise.all([receiver.requests('/ding', 2), receiver.requests('/wecom', 2)])

    const assigned = receiver.to('/ding').find((request) => request.body.includes('assign:'))
    expect(assigned).toBeDefined()
    const timestamp = assigned?.query.get('timestamp') ?? ''
    expect(assigned?.query.get('access_token')).toBe('abc')
    expect(assigned?.query.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'))
    expect(JSON.parse(assigned?.body ?? '{}')).toMatchObject({ msgtype: 'markdown', markdown: { title: `[normal] work order ${order.id} assign: Seal leak` }, at: { atMobiles: ['13800000001'], isAtAll: false } })
    const weComBodies = receiver.to('/wecom').map((request) => JSON.parse(request.body) as { msgtype: string; markdown: { content: string } })
    expect(weComBodies.every((body) => body.msgtype === 'markdown')).toBe(true)
    expect(weComBodies.some((body) => body.markdown.content.includes(`work order ${order.id} assign: Seal leak`))).toBe(true)
    expect(receiver.to('/slack')).toEqual([]) // another site only

    const test = await call('POST', `/api/v1/webhooks/${slack.id}/test`)
    expect(test).toMatchObject({ status: 200, body: { attempt: 1, outcome: 'delivered', statusCode: 200 } })
    expect(JSON.parse(receiver.to('/slack')[0]?.body ?? '{}')).toMatchObject({ text: 'Vigil test message', blocks: [{ type: 'header' }, { type: 'section' }] })
  })

  it('keeps secrets out of every answer, and keeps a secret when a change does not give one', async () => {
    const created = (await call('POST', '/api/v1/webhooks', { name: 'keep', format: 'json', url: receiver.url('/keep'), secret: 'whsec_given_by_me' })).body as { id: string; secret?: string }
    expect(created.secret).toBeUndefined()
    const changed = await call('PUT', `/api/v1/webhooks/${created.id}`, { name: 'kept', format: 'json', url: receiver.url('/keep') })
    expect(changed.body).toMatchObject({ name: 'kept', hasSecret: true, filter: { sites: [], minSeverity: 'info' } })
    const listed = JSON.stringify((await call('GET', '/api/v1/webhooks')).body)
    expect(listed).not.toContain('whsec_')
    expect(listed).not.toContain('SECexample')
    expect((await call('POST', '/api/v1/webhooks', { name: 'ftp', format: 'json', url: 'ftp://example.com/x' })).body).toMatchObject({ errors: [{ field: 'body.url' }] })
    expect((await call('GET', '/api/v1/webhooks', undefined, engineerToken)).status).toBe(403)
  })
})
