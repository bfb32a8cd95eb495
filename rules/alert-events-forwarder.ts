import { setTimeout as delay } from 'node:timers/promises'
import { alertEventLine } from '../core/alerts/alert-event-log.js'
import type { AlertEventLog } from '../core/alerts/alert-event-log.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Logger } from '../core/logger.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { retryDelayMs } from '../ingest/retry-delay.js'

export interface AlertEventsForwarderDeps {
  log: AlertEventLog
  redis: Redis
  /** A connection of its own: the forwarder blocks on it waiting for events. */
  blockingConnection: Redis
  keys: RedisKeys
  influx: InfluxStore
  logger: Logger
  blockMs?: number
  batchSize?: number
}

/**
 * Copies the alert event log to InfluxDB `alert_events`, in order, remembering in Redis the last
 * event it stored. While InfluxDB is down it retries the same batch with backoff; the events wait
 * in the log. A crash between the write and the cursor update writes a batch twice, which
 * InfluxDB absorbs (same series, same time: same point).
 */
export function startAlertEventsForwarder(deps: AlertEventsForwarderDeps): { close(): Promise<void> } {
  const stop = new AbortController()
  const { log, redis, keys, influx, logger } = deps
  const run = async (): Promise<void> => {
    let cursor: string | undefined
    let failures = 0
    while (!stop.signal.aborted) {
      let batch
      try {
        cursor ??= (await redis.get(keys.alertEventsCopied)) ?? '0'
        batch = await log.read(cursor, deps.batchSize ?? 500, deps.blockMs ?? 2000, deps.blockingConnection)
        failures = 0
      } catch (error) {
        if (stop.signal.aborted) return
        logger.warn({ err: error }, 'could not read the alert event log; retrying')
        await delay(retryDelayMs(failures++, 200, 10_000), undefined, { signal: stop.signal }).catch(() => undefined)
        continue
      }
      if (batch.length === 0) continue
      const lines = batch.map(({ event }) => alertEventLine(event))
      for (let attempt = 0; !stop.signal.aborted; attempt++) {
        try {
          await influx.writeLines(lines)
          break
        } catch (error) {
          logger.warn({ err: error, events: lines.length, attempt }, 'could not store alert events in InfluxDB; retrying')
          await delay(retryDelayMs(attempt, 200, 30_000), undefined, { signal: stop.signal }).catch(() => undefined)
        }
      }
      if (stop.signal.aborted) return
      cursor = (batch.at(-1) as { id: string }).id
      // If this fails the cursor is still right in memory; the next successful set catches up.
      await redis.set(keys.alertEventsCopied, cursor).catch((error: unknown) => logger.warn({ err: error }, 'could not save the alert events cursor'))
    }
  }
  const running = run().catch((error: unknown) => {
    if (!stop.signal.aborted) logger.error({ err: error }, 'alert events forwarder stopped')
  })
  return {
    async close() {
      stop.abort()
      // Ends the blocking read at once.
      deps.blockingConnection.disconnect()
      await running
    }
  }
}
