import type { ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import type { NotificationPreferences } from '../../core/notifications/notification-preferences.js'
import { streamWants } from '../../core/notifications/notification-routing.js'
import { notificationFromEntry } from '../../core/notifications/notification-source.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import { compareStreamIds, formatLiveCursor } from './live-event-cursor.js'
import type { LiveEventCursor } from './live-event-cursor.js'
import { liveEventVisible } from './live-event-visibility.js'

const KEEP_ALIVE_MS = 15_000
const HEALTH_SUBSCRIBE_WAIT_MS = 1000

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null

/** Whom a stream is for: what they may see and what they chose to. */
export interface LiveViewer {
  principal: Pick<ApiPrincipal, 'role' | 'engineerId'>
  preferences: NotificationPreferences
}

/**
 * Alert events and work-order changes merged into one Server-Sent Events stream, each message
 * filtered for its viewer. Like the alert stream, each client blocks on a Redis connection of its own.
 */
export class LiveEventStreams {
  private readonly open = new Set<() => void>()
  /** Open responses that get health changes: one shared subscription fans out to all of them. */
  private readonly healthListeners = new Set<ServerResponse>()
  private healthSubscriber: Redis | undefined
  private healthSubscribed: Promise<void> | undefined

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  /** Where "only new events" starts: the newest id of each stream. */
  async latest(): Promise<LiveEventCursor> {
    const [alerts, workOrders] = await Promise.all([this.newest(this.keys.alertEvents), this.newest(this.keys.workOrderEvents)])
    return { alerts, workOrders }
  }

  /** Streams to `response` from after `from` until the client goes away or close(). */
  async serve(response: ServerResponse, viewer: LiveViewer, from: LiveEventCursor): Promise<void> {
    // Subscribed before the client hears it is connected, so it misses no health change after that;
    // but a Redis that is away does not hold the stream back (the subscription follows when it returns).
    await Promise.race([this.followHealth(), delay(HEALTH_SUBSCRIBE_WAIT_MS, undefined, { ref: false })])
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    response.write(': connected\n\n')
    const connection = this.redis.duplicate()
    let streaming = true
    const end = (): void => {
      streaming = false
      connection.disconnect()
    }
    this.open.add(end)
    response.on('close', end)
    this.healthListeners.add(response)
    const cursor = { ...from }
    try {
      while (streaming) {
        let reply: StreamReply
        try {
          reply = await connection.xread('COUNT', 100, 'BLOCK', KEEP_ALIVE_MS, 'STREAMS', this.keys.alertEvents, this.keys.workOrderEvents, cursor.alerts, cursor.workOrders)
        } catch {
          if (!streaming) break
          await delay(1000) // Redis is away: keep the client, try again
          continue
        }
        const entries = (reply ?? [])
          .flatMap(([key, list]) => list.map(([id, fields]) => ({ kind: key === this.keys.alertEvents ? ('alert' as const) : ('work_order' as const), id, fields })))
          .sort((a, b) => compareStreamIds(a.id, b.id))
        if (entries.length === 0) response.write(': keep-alive\n\n')
        for (const entry of entries) {
          if (entry.kind === 'alert') cursor.alerts = entry.id
          else cursor.workOrders = entry.id
          const event = notificationFromEntry(entry.kind, entry.id, entry.fields)
          if (event === undefined || !liveEventVisible(viewer.principal, event) || !streamWants(viewer.preferences, event)) continue
          const data = event.kind === 'alert' ? event.alert : event.kind === 'work_order' ? event.workOrder : undefined
          response.write(`id: ${formatLiveCursor(cursor)}\nevent: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`)
        }
      }
    } finally {
      this.healthListeners.delete(response)
      this.open.delete(end)
      end()
      // The connection served only this stream: close it, or the server's close() waits on it.
      response.end(() => response.socket?.destroy())
    }
  }

  /** Ends every open stream (the server is shutting down). */
  close(): void {
    for (const end of [...this.open]) end()
    this.healthSubscriber?.disconnect()
    this.healthSubscriber = undefined
    this.healthSubscribed = undefined
  }

  /**
   * Health scores are state, not events: they are relayed as they come (`event: health`, no id,
   * so they do not move a client's resume position); a client that reconnects reloads instead.
   * Every viewer of this stream may see every equipment's health.
   */
  private followHealth(): Promise<void> {
    if (this.healthSubscribed !== undefined) return this.healthSubscribed
    const subscriber = this.redis.duplicate()
    this.healthSubscriber = subscriber
    subscriber.on('message', (_channel: string, message: string) => {
      for (const response of this.healthListeners) response.write(`event: health\ndata: ${message}\n\n`)
    })
    this.healthSubscribed = subscriber.subscribe(this.keys.healthChanged).then(
      () => undefined,
      () => {
        // Redis is away or the server is closing: the next stream to open tries again.
        this.healthSubscribed = undefined
        subscriber.disconnect()
      }
    )
    return this.healthSubscribed
  }

  private async newest(key: string): Promise<string> {
    const newest = await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)
    return newest[0]?.[0] ?? '0-0'
  }
}
