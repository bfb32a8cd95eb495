import { randomBytes } from 'node:crypto'
import type { Alert, AlertExplanation, AlertSeverity, AlertStatus } from '../domain/alert.js'
import type { EquipmentType } from '../domain/equipment.js'
import type { WorkOrderPriority } from '../domain/work-order.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'

/** What opening an alert needs; the store gives it its id and status. */
export type NewAlert = Omit<Alert, 'id' | 'status' | 'resolvedAt' | 'workOrderId'>

export interface AlertFilter {
  status?: AlertStatus | undefined
  equipmentId?: string | undefined
  limit?: number | undefined
}

/** SET the open marker only if none exists, then write the alert: one open alert per equipment and rule. */
const OPEN_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('HSET', KEYS[2], unpack(ARGV, 3))
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
  return 1
end
return 0`

/** Clear the open marker and mark the alert resolved, in one step. */
const RESOLVE_SCRIPT = `
local id = redis.call('GET', KEYS[1])
if not id then return false end
redis.call('DEL', KEYS[1])
redis.call('HSET', ARGV[1] .. id, 'status', 'resolved', 'resolvedAt', ARGV[2])
return id`

/**
 * Alerts in Redis: a hash per alert, a sorted set by opening time, and an `alert-open` marker
 * per equipment and rule whose atomic SET NX is what makes "one open alert per condition" hold
 * even when two readings (or two engines) race.
 */
export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  /** Opens an alert unless one is open for this equipment and rule; returns it, or undefined. */
  async open(alert: NewAlert): Promise<Alert | undefined> {
    const id = `al_${Date.parse(alert.openedAt).toString(36)}${randomBytes(4).toString('hex')}`
    const record: Alert = { id, status: 'open', ...alert }
    const fields = toHashFields(record)
    const opened = (await this.redis.eval(
      OPEN_SCRIPT,
      3,
      this.keys.openAlert(alert.equipmentId, alert.ruleId),
      this.keys.alert(id),
      this.keys.alertIndex,
      id,
      Date.parse(alert.openedAt),
      ...fields
    )) as number
    return opened === 1 ? record : undefined
  }

  /** Resolves the open alert of this equipment and rule; returns its id, or undefined if none was open. */
  async resolve(equipmentId: string, ruleId: string, resolvedAt: string): Promise<string | undefined> {
    const id = (await this.redis.eval(RESOLVE_SCRIPT, 1, this.keys.openAlert(equipmentId, ruleId), this.keys.alert(''), resolvedAt)) as string | null
    return id ?? undefined
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
    explanation: JSON.parse(hash.explanation ?? '{}') as AlertExplanation
  }
  if (hash.resolvedAt !== undefined) alert.resolvedAt = hash.resolvedAt
  if (hash.workOrderId !== undefined) alert.workOrderId = hash.workOrderId
  return alert
}
