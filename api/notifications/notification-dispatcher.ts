import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import type { Logger } from '../../core/logger.js'
import type { NotificationEvent } from '../../core/notifications/notification-event.js'
import { notificationFromEntry } from '../../core/notifications/notification-source.js'
import type { NotificationSource } from '../../core/notifications/notification-source.js'
import type { Redis } from '../../core/redis/redis-connection.js'

/** The consumer group every API process joins: each event is handled by one of them. */
export const NOTIFICATION_GROUP = 'notifications'

/** Entries another consumer took this long ago and never acknowledged (it died) are taken over at start. */
const ABANDONED_AFTER_MS = 5 * 60_000

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null

export interface NotificationDispatcherDeps {
  /** Duplicated: the blocking read needs a connection of its own. */
  redis: Redis
  sources: readonly NotificationSource[]
  /** Everything one event sets off (deliveries, reminders); a throw leaves the event pending, to be tried again. */
  handle: (event: NotificationEvent) => Promise<void>
  logger: Logger
  /** How long one blocking read waits; close() waits at most this long. */
  blockMs?: number
}

export interface NotificationDispatcher {
  close(): Promise<void>
}

/**
 * Reads the alert, work-order and escalation streams in a consumer group, so several API processes
 * share the work and each event is handled once, and acknowledges an event only after it is handled
 * (its deliveries queued): a crash in between handles it again, and delivery job ids keep that from
 * sending twice. The group starts at the streams' ends: history before the first start is not sent.
 */
export async function startNotificationDispatcher(deps: NotificationDispatcherDeps): Promise<NotificationDispatcher> {
  const connection = deps.redis.duplicate()
  const consumer = `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
  const keys = deps.sources.map((source) => source.key)
  for (const key of keys) {
    try {
      await connection.xgroup('CREATE', key, NOTIFICATION_GROUP, '$', 'MKSTREAM')
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error
    }
    await connection.xautoclaim(key, NOTIFICATION_GROUP, consumer, ABANDONED_AFTER_MS, '0-0', 'COUNT', 1000)
  }
  let running = true
  const loop = (async () => {
    // '0': what this consumer holds and has not acknowledged (taken over, or failed); '>': new events.
    let cursor = '0'
    while (running) {
      try {
        const reply = (await connection.xreadgroup('GROUP', NOTIFICATION_GROUP, consumer, 'COUNT', 100, 'BLOCK', deps.blockMs ?? 5000, 'STREAMS', ...keys, ...keys.map(() => cursor))) as StreamReply
        const entries = (reply ?? []).flatMap(([key, list]) => list.map(([id, fields]) => ({ key, id, fields })))
        if (cursor === '0' && entries.length === 0) cursor = '>'
        for (const entry of entries) {
          const source = deps.sources.find((candidate) => candidate.key === entry.key)
          const event = source === undefined ? undefined : notificationFromEntry(source.kind, entry.id, entry.fields)
          if (event !== undefined) await deps.handle(event)
          await connection.xack(entry.key, NOTIFICATION_GROUP, entry.id)
        }
      } catch (error) {
        if (!running) break
        deps.logger.warn({ err: error }, 'handling notifications failed; retrying the unacknowledged events shortly')
        cursor = '0'
        await delay(1000)
      }
    }
  })()
  return {
    async close() {
      running = false
      connection.disconnect()
      await loop
    }
  }
}
