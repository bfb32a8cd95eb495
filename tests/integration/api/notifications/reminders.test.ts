import { Queue, QueueEvents } from 'bullmq'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../../api/app.js'
import { REMINDER_QUEUE } from '../../../../api/notifications/reminders.js'
import { AlertEventLog } from '../../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../../core/alerts/alert-store.js'
import { ApiTokenStore } from '../../../../core/auth/api-tokens.js'
import { alertEvent } from '../../../../core/domain/alert.js'
import { EngineerStore } from '../../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../../helpers/team-fixture.js'
import { testApiDeps } from '../../../helpers/test-api.js'
import { testRedis } from '../../../helpers/test-services.js'
import type { TestRedis } from '../../../helpers/test-services.js'
import { WebhookReceiver } from './webhook-receiver.js'

/** A reminder every 200 ms, two per rung: the whole ladder in about a second. */
const POLICY = { webhookAttempts: 3, webhookBackoffMs: 50, webhookTimeoutMs: 2000, reminderEveryMs: 200, remindersPerRung: 2 }

interface ReminderBody {
  title: string
  mentions: { id: string }[]
  event: { reminder: { rung: string; reminder: number; subject: { kind: string; id: string }; recipientIds: string[] } }
}

describe('reminders repeat until answered, then climb the site ladder', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let receiver: WebhookReceiver
  let reminderEvents: QueueEvents
  let reminderQueue: Queue
  let manager: string
  const alerts = () => new AlertStore(redis.redis, redis.keys)

  beforeAll(async () => {
    redis = testRedis()
    await registerPump(new RegistryStore(redis.redis, redis.keys))
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [
      engineer('eng-li', PUMP.siteId, { name: 'Li', contact: { phone: '13800000001' } }),
      engineer('eng-zhao', PUMP.siteId, { name: 'Zhao', sites: [{ siteId: PUMP.siteId, supervisor: true }] })
    ])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    receiver = await WebhookReceiver.start()
    reminderEvents = new QueueEvents(REMINDER_QUEUE, { connection: redis.redis.duplicate(), prefix: redis.keys.bullPrefix })
    await reminderEvents.waitUntilReady()
    reminderQueue = new Queue(REMINDER_QUEUE, { connection: redis.redis.duplicate(), prefix: redis.keys.bullPrefix })
    app = await buildApp({ ...(await testApiDeps(redis)), autoDispatch: false, jobs: true, notificationPolicy: POLICY })
  })
  afterAll(async () => {
    await app.close()
    await reminderEvents.close()
    await reminderQueue.close()
    await receiver.close()
    await redis.close()
  })

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, as = manager) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${as}` }, ...(payload === undefined ? {} : { payload }) })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }

  /** Resolves when a reminder job whose id ends with `suffix` completes. */
  const reminderJobDone = (suffix: string) =>
    new Promise<void>((resolve) => {
      const listener = ({ jobId }: { jobId: string }) => {
        if (!jobId.endsWith(suffix)) return
        reminderEvents.off('completed', listener)
        resolve()
      }
      reminderEvents.on('completed', listener)
    })

  it('reminds the assignee twice, then the supervisor twice, then the managers twice, then stops', async () => {
    const hook = (await call('POST', '/api/v1/webhooks', { name: 'duty', format: 'json', url: receiver.url('/work'), filter: { kinds: ['reminder'] } })).body as { id: string }
    const engineerToken = await new ApiTokenStore(redis.redis, redis.keys).issue({ name: 'li', role: 'engineer', engineerId: 'eng-li' })
    await call('PUT', '/api/v1/me/notification-preferences', { severities: ['info', 'warning', 'critical'], channels: ['stream', hook.id] }, engineerToken)
    const order = (await call('POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Pump tripped', priority: 'urgent' })).body as { id: string }
    // The ladder ends at step 6 (0-based): that job finds nothing more to do.
    const ladderEnd = reminderJobDone('-6')
    expect((await call('POST', `/api/v1/work-orders/${order.id}/assign`, { engineerId: 'eng-li' })).status).toBe(200)
    await ladderEnd
    const reminders = (await receiver.requests('/work', 6)).map((request) => JSON.parse(request.body) as ReminderBody)
    expect(reminders.map((body) => [body.event.reminder.rung, body.event.reminder.reminder, body.event.reminder.recipientIds])).toEqual([
      ['assignee', 1, ['eng-li']],
      ['assignee', 2, ['eng-li']],
      ['supervisor', 1, ['eng-zhao']],
      ['supervisor', 2, ['eng-zhao']],
      ['managers', 1, []],
      ['managers', 2, []]
    ])
    expect(reminders.every((body) => body.event.reminder.subject.id === order.id)).toBe(true)
    // Li chose this webhook: named on the reminders addressed to Li; Zhao chose nothing.
    expect(reminders.map((body) => body.mentions.map((mention) => mention.id))).toEqual([['eng-li'], ['eng-li'], [], [], [], []])
    expect(reminders[0]?.title).toBe(`[reminder] work order ${order.id} (Pump tripped): not accepted by eng-li`)
    expect(await reminderQueue.getDelayedCount()).toBe(0)
  })

  it('stops reminding as soon as the alert is acknowledged', async () => {
    await call('POST', '/api/v1/webhooks', { name: 'alerts', format: 'json', url: receiver.url('/alerts'), filter: { kinds: ['reminder'] } })
    const alert = await alerts().open({
      equipmentId: PUMP.id,
      equipmentType: PUMP.type,
      siteId: PUMP.siteId,
      buildingId: PUMP.buildingId,
      ruleId: 'pressure-low',
      metric: 'pressure_bar',
      severity: 'critical',
      priority: 'urgent',
      openedAt: new Date().toISOString(),
      explanation: { message: 'pressure 1.1 bar below 2.0 bar', value: 1.1, limit: 2 }
    })
    if (alert === undefined) throw new Error('alert not opened')
    const secondStep = reminderJobDone('-1')
    receiver.watch((request) => {
      // Acknowledge on the first reminder: the next step must find it answered.
      if (request.path === '/alerts') void call('POST', `/api/v1/alerts/${alert.id}/acknowledge`)
    })
    await new AlertEventLog(redis.redis, redis.keys).record(alertEvent(alert, 'opened', alert.openedAt, 'pressure low'))
    await secondStep
    const reminders = receiver.to('/alerts').map((request) => JSON.parse(request.body) as ReminderBody)
    expect(reminders.map((body) => [body.event.reminder.rung, body.event.reminder.subject])).toEqual([['assignee', { kind: 'alert', id: alert.id }]])
    // Nobody is assigned yet: the site's engineers (but the supervisor, who has the next rung) are reminded.
    expect(reminders[0]?.event.reminder.recipientIds).toEqual(['eng-li'])
    expect(await reminderQueue.getDelayedCount()).toBe(0)
  })
})
