import type { FastifyInstance } from 'fastify'
import type { AlertStore } from '../../core/alerts/alert-store.js'
import type { Config } from '../../core/config/config.js'
import type { Logger } from '../../core/logger.js'
import { DeliveryLog } from '../../core/notifications/delivery-log.js'
import type { NotificationEvent } from '../../core/notifications/notification-event.js'
import { notificationKeys } from '../../core/notifications/notification-keys.js'
import { NotificationPreferenceStore } from '../../core/notifications/notification-preference-store.js'
import { notificationSources } from '../../core/notifications/notification-source.js'
import { WebhookStore } from '../../core/notifications/webhook-store.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'
import { eventRoutes } from '../routes/events.routes.js'
import { notificationPreferenceRoutes } from '../routes/notification-preferences.routes.js'
import { webhookRoutes } from '../routes/webhooks.routes.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'
import { LiveEventStreams } from './live-event-streams.js'
import { startNotificationDispatcher } from './notification-dispatcher.js'
import { Notifier } from './notifier.js'
import { reminderSubjectState } from './reminder-subjects.js'
import { startReminders } from './reminders.js'
import { startWebhookDeliveries } from './webhook-deliveries.js'
import { WebhookSender } from './webhook-sender.js'

export type NotificationPolicy = Config['notifications']

/** The defaults of WEBHOOK_* and REMINDER_* (core/config/config.ts). */
export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = { webhookAttempts: 8, webhookBackoffMs: 1000, webhookTimeoutMs: 10_000, reminderEveryMs: 10 * 60_000, remindersPerRung: 3 }

export interface NotificationsDeps {
  redis: Redis
  keys: RedisKeys
  alerts: AlertStore
  workOrders: WorkOrderRepository
  engineers: EngineerStore
  logger: Logger
  policy: NotificationPolicy
  /** Start the dispatcher, deliveries and reminders (ApiDeps.jobs); the routes are there either way. */
  jobs: boolean
  now: () => number
}

/**
 * Notifications wired into the app: the live stream, webhook and preference routes, and — with
 * jobs — the dispatcher that reads the event streams, the delivery queue and the reminder ladder.
 * Everything it starts it closes when the app closes, the dispatcher first.
 */
export async function installNotifications(app: FastifyInstance, deps: NotificationsDeps): Promise<void> {
  const keys = notificationKeys(deps.keys.prefix)
  const webhooks = new WebhookStore(deps.redis, keys, deps.now)
  const deliveryLog = new DeliveryLog(deps.redis, keys)
  const preferences = new NotificationPreferenceStore(deps.redis, keys)
  const sender = new WebhookSender({ log: deliveryLog, timeoutMs: deps.policy.webhookTimeoutMs, now: deps.now })
  const streams = new LiveEventStreams(deps.redis, deps.keys)
  app.addHook('preClose', (done) => {
    streams.close()
    done()
  })
  webhookRoutes(app, { webhooks, deliveries: deliveryLog, sender, now: deps.now })
  notificationPreferenceRoutes(app, { preferences, webhooks })
  eventRoutes(app, { streams, preferences })
  if (!deps.jobs) return

  const prefix = deps.keys.bullPrefix
  const deliveries = startWebhookDeliveries({ redis: deps.redis, prefix, webhooks, sender, attempts: deps.policy.webhookAttempts, backoffMs: deps.policy.webhookBackoffMs, logger: deps.logger })
  const notifier = new Notifier({ webhooks, engineers: deps.engineers, preferences, enqueue: (job) => deliveries.enqueue(job) })
  const reminders = startReminders({
    redis: deps.redis,
    prefix,
    policy: { everyMs: deps.policy.reminderEveryMs, repeatsPerRung: deps.policy.remindersPerRung },
    stateOf: reminderSubjectState({ alerts: deps.alerts, workOrders: deps.workOrders, engineers: deps.engineers, supervisorOf: (siteId) => notifier.supervisorOf(siteId) }),
    notify: (event) => notifier.notify(event),
    logger: deps.logger,
    now: deps.now
  })
  const handle = async (event: NotificationEvent): Promise<void> => {
    await notifier.notify(event)
    await reminders.onEvent(event)
  }
  const dispatcher = await startNotificationDispatcher({ redis: deps.redis, sources: notificationSources(deps.keys), handle, logger: deps.logger })
  app.addHook('onClose', async () => {
    await dispatcher.close()
    await reminders.close()
    await deliveries.close()
  })
}
