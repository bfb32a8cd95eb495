import type { ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import type { AlertEventLog } from '../core/alerts/alert-event-log.js'
import type { Redis } from '../core/redis/redis-connection.js'

/** A stream id as Redis gives it, `<ms>-<seq>`: what a client resumes from. */
export const STREAM_ID_PATTERN = /^\d{1,20}-\d{1,20}$/

const KEEP_ALIVE_MS = 15_000

/**
 * The live stream of alert events as Server-Sent Events: each event's stream id is its SSE id, so
 * a client that reconnects with Last-Event-ID gets exactly what it missed. Each client reads the
 * log on a Redis connection of its own (a blocking read), so this suits dashboards and a few
 * integrations, not thousands of browsers.
 */
export class AlertEventStreams {
  private readonly open = new Set<() => void>()

  constructor(
    private readonly log: AlertEventLog,
    private readonly redis: Redis
  ) {}

  /** Streams to `response` from after `afterId` ('$': only new events) until the client goes away or close(). */
  async serve(response: ServerResponse, afterId: string): Promise<void> {
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
    try {
      let cursor = afterId === '$' ? await this.log.lastId() : afterId
      while (streaming) {
        let batch
        try {
          batch = await this.log.read(cursor, 100, KEEP_ALIVE_MS, connection)
        } catch {
          if (!streaming) break
          await delay(1000) // Redis is away: keep the client, try again
          continue
        }
        if (batch.length === 0) response.write(': keep-alive\n\n')
        for (const { id, event } of batch) {
          response.write(`id: ${id}\nevent: alert\ndata: ${JSON.stringify(event)}\n\n`)
          cursor = id
        }
      }
    } finally {
      this.open.delete(end)
      end()
      // The connection served only this stream: close it, or the server's close() waits on it.
      response.end(() => response.socket?.destroy())
    }
  }

  /** Ends every open stream (the server is shutting down). */
  close(): void {
    for (const end of [...this.open]) end()
  }
}
