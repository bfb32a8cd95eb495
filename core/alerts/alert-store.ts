import { randomBytes } from 'node:crypto'
import type { Alert, AlertMute, AlertExplanation, AlertSeverity, AlertStatus } from '../domain/alert.js'
import type { EquipmentType } from '../domain/equipment.js'
import type { WorkOrderPriority } from '../domain/work-order.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'

/** What opening an alert needs; the store gives it its id and status. */
export type NewAlert = Omit<Alert, 'id' | 'status' | 'resolvedAt' | 'workOrderId' | 'acknowledgedAt' | 'acknowledgedBy' | 'closedAt' | 'closedBy' | 'reopens' | 'flapping'> & {
  flapping?: boolean
}

/** What the alert service needs of an alert store: the Redis one online, an in-memory one for replay. */
export interface AlertRecords {
  /** Opens an alert unless one is open for this equipment and rule; returns it, or undefined. */
  open(alert: NewAlert): Promise<Alert | undefined>
  /** Reopens the condition's last alert; returns it, or undefined if it never had one. */
  reopen(equipmentId: string, ruleId: string, at: string, flapping: boolean): Promise<Alert | undefined>
  /** Resolves the open alert of this equipment and rule; returns it, or undefined if none was open. */
  resolve(equipmentId: string, ruleId: string, resolvedAt: string): Promise<Alert | undefined>
  /** Lifts the mute of an alert that is still open or acknowledged; returns it, or undefined if it no longer is. */
  unmute(id: string): Promise<Alert | undefined>
}

export interface AlertFilter {
  status?: AlertStatus | undefined
  equipmentId?: string | undefined
  limit?: number | undefined
}

/** The outcome of a change a person asked for: done, or why not. */
export type AlertChange = { ok: true; alert: Alert } | { ok: false; reason: 'not_found' | 'wrong_status'; status?: AlertStatus }

/** SET the open marker only if none exists, then write the alert: one open alert per equipment and rule. */
const OPEN_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('HSET', KEYS[2], unpack(ARGV, 3))
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
  redis.call('SET', KEYS[4], ARGV[1])
  return 1
end
return 0`

/** Reopen the condition's last alert (within its cooldown), optionally marking it flapping. */
const REOPEN_SCRIPT = `
local id = redis.call('GET', KEYS[2])
if not id then return false end
local key = ARGV[1] .. id
if redis.call('SET', KEYS[1], id, 'NX') then
  redis.call('HSET', key, 'status', 'open', 'reopenedAt', ARGV[2])
  redis.call('HDEL', key, 'resolvedAt', 'closedAt', 'closedBy')
  redis.call('HINCRBY', key, 'reopens', 1)
end
if ARGV[3] == '1' then redis.call('HSET', key, 'flapping', 'true') end
return id`

/** Clear the open marker and mark the alert resolved, in one step. */
const RESOLVE_SCRIPT = `
local id = redis.call('GET', KEYS[1])
if not id then return false end
redis.call('DEL', KEYS[1])
redis.call('HSET', ARGV[1] .. id, 'status', 'resolved', 'resolvedAt', ARGV[2], 'flapping', 'false')
return id`

/** Lift the mute if the alert is still open or acknowledged. */
const UNMUTE_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'open' and status ~= 'acknowledged' then return 0 end
redis.call('HDEL', KEYS[1], 'muted')
return 1`

/** Move an alert from one status to another if it is in the expected one; returns the status it was in. */
const CHANGE_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return false end
if status ~= ARGV[1] then return status end
redis.call('HSET', KEYS[1], 'status', ARGV[2], unpack(ARGV, 3))
return 'ok'`

/**
 * Alerts in Redis: a hash per alert, a sorted set by opening time, and per equipment and rule an
 * `alert-open` marker — whose atomic SET NX makes "one open alert per condition" hold even when
 * two readings, or two engines, race — and a pointer to the condition's last alert, to reopen.
 */
export class AlertStore implements AlertRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async open(alert: NewAlert): Promise<Alert | undefined> {
    const id = `al_${Date.parse(alert.openedAt).toString(36)}${randomBytes(4).toString('hex')}`
    const record: Alert = { id, status: 'open', reopens: 0, flapping: false, ...alert }
    const opened = (await this.redis.eval(
      OPEN_SCRIPT,
      4,
      this.keys.openAlert(alert.equipmentId, alert.ruleId),
      this.keys.alert(id),
      this.keys.alertIndex,
      this.keys.lastAlert(alert.equipmentId, alert.ruleId),
      id,
      Date.parse(alert.openedAt),
      ...toHashFields(record)
    )) as number
    return opened === 1 ? record : undefined
  }

  async reopen(equipmentId: string, ruleId: string, at: string, flapping: boolean): Promise<Alert | undefined> {
    const id = (await this.redis.eval(REOPEN_SCRIPT, 2, this.keys.openAlert(equipmentId, ruleId), this.keys.lastAlert(equipmentId, ruleId), this.keys.alert(''), at, flapping ? '1' : '0')) as string | null
    return id === null ? undefined : this.get(id)
  }

  async resolve(equipmentId: string, ruleId: string, resolvedAt: string): Promise<Alert | undefined> {
    const id = (await this.redis.eval(RESOLVE_SCRIPT, 1, this.keys.openAlert(equipmentId, ruleId), this.keys.alert(''), resolvedAt)) as string | null
    return id === null ? undefined : this.get(id)
  }

  async unmute(id: string): Promise<Alert | undefined> {
    const lifted = (await this.redis.eval(UNMUTE_SCRIPT, 1, this.keys.alert(id))) as number
    return lifted === 1 ? this.get(id) : undefined
  }

  /** Someone is on it: open → acknowledged. */
  acknowledge(id: string, by: string, at: string): Promise<AlertChange> {
    return this.change(id, 'open', 'acknowledged', ['acknowledgedAt', at, 'acknowledgedBy', by])
  }

  /** Done with it: resolved → closed. */
  close(id: string, by: string, at: string): Promise<AlertChange> {
    return this.change(id, 'resolved', 'closed', ['closedAt', at, 'closedBy', by])
  }

  async linkWorkOrder(alertId: string, workOrderId: string): Promise<void> {
    await this.redis.hset(this.keys.alert(alertId), 'workOrderId', workOrderId)
  }

  async get(id: string): Promise<Alert | undefined> {
    const fields = await this.redis.hgetall(this.keys.alert(id))
    return fields.id === undefined ? undefined : fromHashFields(fields)
  }

  /** Newest first. */
  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const limit = filter.limit ?? 100
    const result: Alert[] = []
    const pageSize = 200
    for (let start = 0; result.length < limit; start += pageSize) {
      const ids = await this.redis.zrevrange(this.keys.alertIndex, start, start + pageSize - 1)
      if (ids.length === 0) break
      const pipeline = this.redis.pipeline()
      for (const id of ids) pipeline.hgetall(this.keys.alert(id))
      const replies = (await pipeline.exec()) ?? []
      for (const [, fields] of replies) {
        const hash = fields as Record<string, string>
        if (hash.id === undefined) continue
        const alert = fromHashFields(hash)
        if (filter.status !== undefined && alert.status !== filter.status) continue
        if (filter.equipmentId !== undefined && alert.equipmentId !== filter.equipmentId) continue
        result.push(alert)
        if (result.length === limit) break
      }
    }
    return result
  }

  private async change(id: string, from: AlertStatus, to: AlertStatus, fields: string[]): Promise<AlertChange> {
    const result = (await this.redis.eval(CHANGE_SCRIPT, 1, this.keys.alert(id), from, to, ...fields)) as string | null
    if (result === null) return { ok: false, reason: 'not_found' }
    if (result !== 'ok') return { ok: false, reason: 'wrong_status', status: result as AlertStatus }
    return { ok: true, alert: (await this.get(id)) as Alert }
  }
}

function toHashFields(alert: Alert): string[] {
  const fields: string[] = []
  for (const [key, value] of Object.entries(alert)) {
    if (value === undefined) continue
    fields.push(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return fields
}

function fromHashFields(hash: Record<string, string>): Alert {
  const alert: Alert = {
    id: hash.id ?? '',
    equipmentId: hash.equipmentId ?? '',
    equipmentType: hash.equipmentType as EquipmentType,
    siteId: hash.siteId ?? '',
    buildingId: hash.buildingId ?? '',
    ruleId: hash.ruleId ?? '',
    metric: hash.metric ?? '',
    severity: hash.severity as AlertSeverity,
    priority: hash.priority as WorkOrderPriority,
    status: hash.status as AlertStatus,
    openedAt: hash.openedAt ?? '',
    reopens: Number(hash.reopens ?? 0),
    flapping: hash.flapping === 'true',
    explanation: JSON.parse(hash.explanation ?? '{}') as AlertExplanation
  }
  for (const key of ['resolvedAt', 'acknowledgedAt', 'acknowledgedBy', 'closedAt', 'closedBy', 'workOrderId'] as const) {
    const value = hash[key]
    if (value !== undefined) alert[key] = value
  }
  if (hash.muted !== undefined) alert.muted = JSON.parse(hash.muted) as AlertMute
  return alert
}
