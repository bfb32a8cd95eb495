import { ACTIVE_WORK_ORDER_STATUSES } from '../../core/domain/work-order.js'
import type { WorkOrder, WorkOrderPriority, WorkOrderStatus } from '../../core/domain/work-order.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'

export type CreateOutcome = 'created' | 'replayed' | 'joined' | 'reopened' | 'conflict'

export interface CreateRequest {
  /** The new work order, without its id (given by the repository). */
  draft: Omit<WorkOrder, 'id'>
  idempotencyKey?: string | undefined
  /** Hash of the request body: the same key with another body is a conflict, not a replay. */
  requestHash: string
  /** For a work order opened by an alert: join the equipment's active alert work order instead. */
  alert?: { alertId: string; ruleId: string; note: string } | undefined
}

export interface WorkOrderFilter {
  equipmentId?: string | undefined
  status?: WorkOrderStatus | undefined
  limit?: number | undefined
}

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600
/** About this many work-order events are kept (XADD MAXLEN ~). */
const WORK_ORDER_EVENTS_MAX_LEN = 100_000

/**
 * The Lua function both scripts use to append a change to the work-order event stream, atomic
 * with the change itself; `stream` and `cap` name the script's key and argument holding them.
 */
function announceFunction(stream: string, cap: string): string {
  return `local function announce(wo, entry)
  redis.call('XADD', ${stream}, 'MAXLEN', '~', ${cap}, '*', 'event', cjson.encode({
    workOrderId = wo.id, siteId = wo.siteId, equipmentId = wo.equipmentId, action = entry.action, from = entry.from, to = entry.to,
    at = entry.at, by = entry.by, priority = wo.priority, assigneeId = wo.assigneeId, responsibleEngineerId = wo.responsibleEngineerId, title = wo.title
  }))
end`
}

/**
 * Create, replay or join in one atomic step, so that two racing requests (a retried job, two rule
 * engines) can never open two work orders: the Idempotency-Key is checked first; then an alert
 * joins the active alert work order of its equipment; only then is a new one numbered and stored.
 */
const CREATE_SCRIPT = `
${announceFunction('KEYS[6]', 'ARGV[19]')}
local hasKey = ARGV[1] == '1'
local function add(list, value)
  for _, v in ipairs(list) do if v == value then return end end
  table.insert(list, value)
end
local function remember(id)
  if hasKey then redis.call('SET', KEYS[1], cjson.encode({id = id, hash = ARGV[2]}), 'EX', tonumber(ARGV[7])) end
end
if hasKey then
  local seen = redis.call('GET', KEYS[1])
  if seen then
    local record = cjson.decode(seen)
    if record.hash ~= ARGV[2] then return {'conflict', record.id} end
    return {'replayed', record.id}
  end
end
if ARGV[4] == '1' then
  local activeId = redis.call('GET', KEYS[2])
  if activeId then
    local key = ARGV[6] .. activeId
    local raw = redis.call('GET', key)
    if raw then
      local wo = cjson.decode(raw)
      if string.find(ARGV[12], ',' .. wo.status .. ',', 1, true) and wo.source.kind == 'alert' then
        add(wo.source.alertIds, ARGV[8])
        add(wo.source.ruleIds, ARGV[9])
        local rank = {urgent = 0, normal = 1, low = 2}
        if rank[ARGV[10]] < rank[wo.priority] then
          wo.priority = ARGV[10]
          if ARGV[11] < wo.responseDueAt then wo.responseDueAt = ARGV[11] end
        end
        wo.description = wo.description .. '\\n' .. ARGV[13]
        -- Something has actually failed: preventive work becomes corrective.
        if ARGV[14] == 'corrective' then wo.kind = 'corrective' end
        wo.version = (wo.version or 1) + 1
        redis.call('SET', key, cjson.encode(wo))
        local joined = cjson.decode(ARGV[16])
        joined.action = 'alert_joined'
        joined.from = wo.status
        joined.to = wo.status
        joined.note = 'alert ' .. ARGV[8] .. ' (' .. ARGV[9] .. ') joined this work order'
        redis.call('RPUSH', ARGV[15] .. activeId, cjson.encode(joined))
        announce(wo, joined)
        remember(activeId)
        return {'joined', activeId}
      end
    end
  end
end
if ARGV[4] == '1' then
  -- The condition came back within the verification window of its resolved or closed work: reopen that.
  local doneId = redis.call('GET', KEYS[5])
  if doneId then
    local key = ARGV[6] .. doneId
    local raw = redis.call('GET', key)
    if raw then
      local wo = cjson.decode(raw)
      if (wo.status == 'resolved' or wo.status == 'closed') and wo.source.kind == 'alert' then
        local from = wo.status
        wo.status = 'reopened'
        wo.reopenedAt = ARGV[17]
        wo.resolvedAt = nil
        wo.closedAt = nil
        wo.resolution = nil
        if wo.responsibleEngineerId then
          wo.assigneeId = wo.responsibleEngineerId
          redis.call('SADD', ARGV[18] .. wo.assigneeId, doneId)
        end
        add(wo.source.alertIds, ARGV[8])
        add(wo.source.ruleIds, ARGV[9])
        wo.version = (wo.version or 1) + 1
        redis.call('SET', key, cjson.encode(wo))
        redis.call('SET', KEYS[2], doneId)
        redis.call('DEL', KEYS[5])
        local entry = cjson.decode(ARGV[16])
        entry.action = 'reopen'
        entry.from = from
        entry.to = 'reopened'
        entry.note = 'the condition came back within the verification window: alert ' .. ARGV[8] .. ' (' .. ARGV[9] .. ')'
        redis.call('RPUSH', ARGV[15] .. doneId, cjson.encode(entry))
        announce(wo, entry)
        remember(doneId)
        return {'reopened', doneId}
      end
    end
  end
end
local id = string.format('WO-%06d', redis.call('INCR', KEYS[3]))
local wo = cjson.decode(ARGV[3])
wo.id = id
redis.call('SET', ARGV[6] .. id, cjson.encode(wo))
redis.call('ZADD', KEYS[4], ARGV[5], id)
redis.call('RPUSH', ARGV[15] .. id, ARGV[16])
announce(wo, cjson.decode(ARGV[16]))
if ARGV[4] == '1' then redis.call('SET', KEYS[2], id) end
remember(id)
return {'created', id}`

/** One change of a work order, as the audit trail keeps it. */
export interface AuditEntry {
  at: string
  by: string
  /** A lifecycle action, or `note`, `photo`, `check_in`, `escalate` for changes that keep the status. */
  action: string
  from: WorkOrderStatus
  to: WorkOrderStatus
  note?: string
}

export type UpdateOutcome = 'ok' | 'not_found' | 'stale'

/**
 * Write a work order over the version it was read at, append its audit entry, and keep the
 * equipment's active pointer and the engineers' load sets right — all or nothing.
 * ARGV: expected version, new JSON, audit JSON, id, active (1: and holds the equipment's alert
 * pointer, 2: active, 0: finished), old assignee, new assignee, engineers' set prefix, event stream cap.
 */
const UPDATE_SCRIPT = `
${announceFunction('KEYS[4]', 'ARGV[9]')}
local raw = redis.call('GET', KEYS[1])
if not raw then return 'not_found' end
local current = cjson.decode(raw)
if tostring(current.version or 1) ~= ARGV[1] then return 'stale' end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
if ARGV[5] == '1' then
  redis.call('SET', KEYS[3], ARGV[4], 'NX')
elseif redis.call('GET', KEYS[3]) == ARGV[4] then
  redis.call('DEL', KEYS[3])
end
if ARGV[6] ~= '' then redis.call('SREM', ARGV[8] .. ARGV[6], ARGV[4]) end
if ARGV[7] ~= '' and ARGV[5] ~= '0' then redis.call('SADD', ARGV[8] .. ARGV[7], ARGV[4]) end
announce(cjson.decode(ARGV[2]), cjson.decode(ARGV[3]))
return 'ok'`

export class WorkOrderRepository {
  private readonly activeStatuses = `,${ACTIVE_WORK_ORDER_STATUSES.join(',')},`

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async create(request: CreateRequest): Promise<{ outcome: CreateOutcome; id: string }> {
    const { draft, alert } = request
    const [outcome, id] = (await this.redis.eval(
      CREATE_SCRIPT,
      6,
      this.keys.idempotency(request.idempotencyKey ?? '-'),
      this.keys.activeWorkOrder(draft.equipmentId),
      this.keys.workOrderSequence,
      this.keys.workOrderIndex,
      this.keys.verificationWindow(draft.equipmentId, alert?.ruleId ?? '-'),
      this.keys.workOrderEvents,
      request.idempotencyKey === undefined ? '0' : '1',
      request.requestHash,
      JSON.stringify(draft),
      alert === undefined ? '0' : '1',
      Date.parse(draft.createdAt),
      this.keys.workOrder(''),
      IDEMPOTENCY_TTL_SECONDS,
      alert?.alertId ?? '',
      alert?.ruleId ?? '',
      draft.priority satisfies WorkOrderPriority,
      draft.responseDueAt,
      this.activeStatuses,
      alert?.note ?? '',
      draft.kind,
      this.keys.workOrderAudit(''),
      JSON.stringify({ at: draft.createdAt, by: draft.createdBy, action: 'create', from: 'open', to: 'open' } satisfies AuditEntry),
      draft.createdAt,
      this.keys.engineerWorkOrders(''),
      WORK_ORDER_EVENTS_MAX_LEN
    )) as [CreateOutcome, string]
    return { outcome, id }
  }

  /**
   * Writes `next` (its version one above `current`'s) if the stored work order is still at
   * `current.version`; 'stale' means someone changed it meanwhile: read again and retry.
   */
  async update(current: WorkOrder, next: WorkOrder, audit: AuditEntry): Promise<UpdateOutcome> {
    const active = ACTIVE_WORK_ORDER_STATUSES.includes(next.status)
    // Only alert work is joined by later alerts, so only it holds the equipment's active pointer.
    const holdsPointer = active && next.source.kind === 'alert'
    return (await this.redis.eval(
      UPDATE_SCRIPT,
      4,
      this.keys.workOrder(current.id),
      this.keys.workOrderAudit(current.id),
      this.keys.activeWorkOrder(current.equipmentId),
      this.keys.workOrderEvents,
      String(current.version),
      JSON.stringify(next),
      JSON.stringify(audit),
      current.id,
      holdsPointer ? '1' : active ? '2' : '0',
      current.assigneeId ?? '',
      next.assigneeId ?? '',
      this.keys.engineerWorkOrders(''),
      WORK_ORDER_EVENTS_MAX_LEN
    )) as UpdateOutcome
  }

  /** Resolved or closed alert work: the same condition coming back within `windowMs` reopens it (CREATE_SCRIPT). */
  async openVerificationWindow(workOrder: WorkOrder, windowMs: number): Promise<void> {
    if (workOrder.source.kind !== 'alert' || windowMs <= 0) return
    const pipeline = this.redis.pipeline()
    for (const ruleId of workOrder.source.ruleIds) pipeline.set(this.keys.verificationWindow(workOrder.equipmentId, ruleId), workOrder.id, 'PX', windowMs)
    await pipeline.exec()
  }

  async audit(id: string): Promise<AuditEntry[]> {
    return (await this.redis.lrange(this.keys.workOrderAudit(id), 0, -1)).map((json) => JSON.parse(json) as AuditEntry)
  }

  /** How many active work orders each engineer has assigned. */
  async loads(engineerIds: readonly string[]): Promise<Map<string, number>> {
    if (engineerIds.length === 0) return new Map()
    const pipeline = this.redis.pipeline()
    for (const id of engineerIds) pipeline.scard(this.keys.engineerWorkOrders(id))
    const replies = (await pipeline.exec()) ?? []
    return new Map(engineerIds.map((id, i) => [id, Number(replies[i]?.[1] ?? 0)]))
  }

  async get(id: string): Promise<WorkOrder | undefined> {
    const raw = await this.redis.get(this.keys.workOrder(id))
    return raw === null ? undefined : normalise(JSON.parse(raw) as WorkOrder)
  }

  /** Newest first. */
  async list(filter: WorkOrderFilter = {}): Promise<WorkOrder[]> {
    const limit = filter.limit ?? 100
    const result: WorkOrder[] = []
    const pageSize = 200
    for (let start = 0; result.length < limit; start += pageSize) {
      const ids = await this.redis.zrevrange(this.keys.workOrderIndex, start, start + pageSize - 1)
      if (ids.length === 0) break
      const values = await this.redis.mget(ids.map((id) => this.keys.workOrder(id)))
      for (const raw of values) {
        if (raw === null) continue
        const workOrder = normalise(JSON.parse(raw) as WorkOrder)
        if (filter.equipmentId !== undefined && workOrder.equipmentId !== filter.equipmentId) continue
        if (filter.status !== undefined && workOrder.status !== filter.status) continue
        result.push(workOrder)
        if (result.length === limit) break
      }
    }
    return result
  }
}

/** Lua's cjson writes an empty list as `{}`; give lists back their shape. Orders stored before `kind` existed are corrective. */
function normalise(workOrder: WorkOrder): WorkOrder {
  workOrder.kind ??= 'corrective'
  workOrder.version ??= 1
  if (workOrder.photos !== undefined && !Array.isArray(workOrder.photos)) workOrder.photos = []
  if (workOrder.source.kind === 'alert') {
    if (!Array.isArray(workOrder.source.alertIds)) workOrder.source.alertIds = []
    if (!Array.isArray(workOrder.source.ruleIds)) workOrder.source.ruleIds = []
  }
  return workOrder
}
