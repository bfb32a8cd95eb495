import { escape } from '@influxdata/influxdb-client'
import type { AlertEvent } from '../domain/alert.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'

/** An event as stored in the log, with the stream id it was given (what SSE clients resume from). */
export interface LoggedAlertEvent {
  id: string
  event: AlertEvent
}

/**
 * Every alert transition, in order, in a Redis stream: the live stream reads it (and resumes
 * from a client's Last-Event-ID), and a forwarder copies it to InfluxDB `alert_events`, so an
 * InfluxDB outage delays the history instead of losing it. Capped (approximately) at
 * `maxLength` events.
 */
export class AlertEventLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly maxLength = 100_000
  ) {}

  async record(event: AlertEvent): Promise<void> {
    await this.redis.xadd(this.keys.alertEvents, 'MAXLEN', '~', String(this.maxLength), '*', 'event', JSON.stringify(event))
  }

  /** Events after `afterId` ('0' for all, '$' for only new ones when blocking), oldest first. Blocking needs a connection of its own. */
  async read(afterId: string, count: number, blockMs?: number, connection: Redis = this.redis): Promise<LoggedAlertEvent[]> {
    const reply =
      blockMs === undefined
        ? await connection.xread('COUNT', count, 'STREAMS', this.keys.alertEvents, afterId)
        : await connection.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.keys.alertEvents, afterId)
    const entries = reply?.[0]?.[1] ?? []
    return entries.map(([id, fields]) => ({ id, event: JSON.parse(fields[1] ?? '{}') as AlertEvent }))
  }

  /** The id of the newest event, or '0-0' when there is none. */
  async lastId(): Promise<string> {
    const newest = await this.redis.xrevrange(this.keys.alertEvents, '+', '-', 'COUNT', 1)
    return newest[0]?.[0] ?? '0-0'
  }
}

/**
 * An event as an `alert_events` line. Besides the DESIGN.md location tags it is tagged with its
 * rule and kind — both from small fixed sets, not free text — so that two events of one
 * equipment in the same millisecond (opened and muted) are two points, not one overwriting the other.
 */
export function alertEventLine(event: AlertEvent): string {
  const tags =
    `alert_events,building=${escape.tag(event.buildingId)},equipment=${escape.tag(event.equipmentId)},equipment_type=${escape.tag(event.equipmentType)}` +
    `,event=${escape.tag(event.kind)},rule=${escape.tag(event.ruleId)},site=${escape.tag(event.siteId)}`
  let fields = `alert_id=${quote(event.alertId)},severity=${quote(event.severity)},message=${quote(event.message)}`
  if (event.by !== undefined) fields += `,by=${quote(event.by)}`
  return `${tags} ${fields} ${Date.parse(event.at)}`
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`
}
