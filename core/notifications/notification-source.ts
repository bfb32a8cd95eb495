import type { AlertEvent } from '../domain/alert.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { EscalationEvent } from './escalation-event.js'
import type { NoticeEvent, NotificationEvent } from './notification-event.js'
import type { WorkOrderEvent } from './work-order-event.js'

/** A Redis stream notifications read, and the kind of event its entries hold. */
export interface NotificationSource {
  key: string
  kind: 'alert' | 'work_order' | 'escalation' | 'notice'
}

/** The streams that feed notifications: alert events, work-order events, escalations, notices to occupants. */
export function notificationSources(keys: RedisKeys): NotificationSource[] {
  return [
    { key: keys.alertEvents, kind: 'alert' },
    { key: keys.workOrderEvents, kind: 'work_order' },
    { key: keys.escalations, kind: 'escalation' },
    { key: keys.noticeEvents, kind: 'notice' }
  ]
}

/**
 * A stream entry (`[field, json]`) as an event whose id is `<kind>-<stream id>`: stream ids repeat
 * across streams, these do not. Undefined for an entry that is not JSON (never written by Vigil).
 */
export function notificationFromEntry(kind: NotificationSource['kind'], streamId: string, fields: readonly string[]): NotificationEvent | undefined {
  let record: unknown
  try {
    record = JSON.parse(fields[1] ?? '')
  } catch {
    return undefined
  }
  if (typeof record !== 'object' || record === null) return undefined
  const id = `${kind}-${streamId}`
  switch (kind) {
    case 'alert':
      return { kind, id, alert: record as AlertEvent }
    case 'work_order':
      return { kind, id, workOrder: record as WorkOrderEvent }
    case 'escalation':
      return { kind, id, escalation: record as EscalationEvent }
    case 'notice':
      return { kind, id, notice: record as NoticeEvent }
  }
}
