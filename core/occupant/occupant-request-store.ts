import type { Redis } from '../redis/redis-connection.js'
import { followTokenHash, isFollowToken } from './follow-token.js'
import type { OccupantKeys } from './occupant-keys.js'
import { isFeedback, occupantRequestId } from './occupant-request.js'
import type { OccupantMessageKind, OccupantRequest, OccupantRequestStatus, StaffAnswer } from './occupant-request.js'

export interface OccupantRequestFilter {
  kinds?: readonly OccupantMessageKind[] | undefined
  status?: OccupantRequestStatus | undefined
  siteId?: string | undefined
  equipmentId?: string | undefined
  limit?: number | undefined
}

/** How many requests of one kind are in one status at one site. */
export interface OccupantRequestCount {
  siteId: string
  kind: OccupantMessageKind
  status: OccupantRequestStatus
  count: number
}

export type AnswerOutcome = { outcome: 'answered'; request: OccupantRequest } | { outcome: 'not_found' } | { outcome: 'not_feedback'; request: OccupantRequest }

/**
 * Write a request over the exact JSON it was read as, and move it between count buckets, in one
 * step. KEYS: record, counts. ARGV: expected JSON, new JSON, old bucket, new bucket.
 */
const UPDATE_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'not_found' end
if raw ~= ARGV[1] then return 'stale' end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[3] ~= ARGV[4] then
  redis.call('HINCRBY', KEYS[2], ARGV[3], -1)
  redis.call('HINCRBY', KEYS[2], ARGV[4], 1)
end
return 'ok'`

const ATTEMPTS = 5

/**
 * Occupants' requests in Redis: the record by id, an index by time, the follow token's SHA-256
 * pointing at it (the token itself is never stored), and counts by site, kind and status kept
 * in the same step as every change.
 */
export class OccupantRequestStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OccupantKeys
  ) {}

  /** Reserves the next id before the request exists, so its photo can name it. */
  async nextId(): Promise<string> {
    return occupantRequestId(await this.redis.incr(this.keys.requestSequence))
  }

  async create(request: OccupantRequest, followToken: string): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.request(request.id), JSON.stringify(request))
      .zadd(this.keys.requestIndex, Date.parse(request.createdAt), request.id)
      .set(this.keys.requestByFollowToken(followTokenHash(followToken)), request.id)
      .hincrby(this.keys.requestCounts, bucket(request), 1)
      .exec()
  }

  async get(id: string): Promise<OccupantRequest | undefined> {
    const raw = await this.redis.get(this.keys.request(id))
    return raw === null ? undefined : (JSON.parse(raw) as OccupantRequest)
  }

  /** The request a follow link leads to; undefined for a token that is malformed or unknown. */
  async getByFollowToken(token: string): Promise<OccupantRequest | undefined> {
    if (!isFollowToken(token)) return undefined
    const id = await this.redis.get(this.keys.requestByFollowToken(followTokenHash(token)))
    return id === null ? undefined : this.get(id)
  }

  /** Records the work order a fault became. */
  async linkWorkOrder(id: string, workOrderId: string): Promise<OccupantRequest | undefined> {
    const result = await this.update(id, (request) => ({ ...request, workOrderId, status: 'work_order' }))
    return result === 'not_found' ? undefined : result
  }

  /** Answers a complaint or suggestion (again, replacing the earlier answer); faults are answered by their repair. */
  async answer(id: string, answer: StaffAnswer): Promise<AnswerOutcome> {
    const request = await this.get(id)
    if (request === undefined) return { outcome: 'not_found' }
    // A request's kind never changes, so checking it before the update is enough.
    if (!isFeedback(request.kind)) return { outcome: 'not_feedback', request }
    const result = await this.update(id, (current) => ({ ...current, answer, status: 'answered' }))
    return result === 'not_found' ? { outcome: 'not_found' } : { outcome: 'answered', request: result }
  }

  /** Newest first. */
  async list(filter: OccupantRequestFilter = {}): Promise<OccupantRequest[]> {
    const limit = filter.limit ?? 100
    const result: OccupantRequest[] = []
    const pageSize = 200
    for (let start = 0; result.length < limit; start += pageSize) {
      const ids = await this.redis.zrevrange(this.keys.requestIndex, start, start + pageSize - 1)
      if (ids.length === 0) break
      const values = await this.redis.mget(ids.map((id) => this.keys.request(id)))
      for (const raw of values) {
        if (raw === null) continue
        const request = JSON.parse(raw) as OccupantRequest
        if (matches(request, filter)) result.push(request)
        if (result.length === limit) break
      }
    }
    return result
  }

  async counts(): Promise<OccupantRequestCount[]> {
    const fields = await this.redis.hgetall(this.keys.requestCounts)
    const counts: OccupantRequestCount[] = []
    for (const [field, value] of Object.entries(fields)) {
      const [siteId = '', kind, status] = field.split('|') as [string, OccupantMessageKind, OccupantRequestStatus]
      const count = Number(value)
      if (count > 0) counts.push({ siteId, kind, status, count })
    }
    return counts.sort((a, b) => a.siteId.localeCompare(b.siteId) || a.kind.localeCompare(b.kind) || a.status.localeCompare(b.status))
  }

  /** Applies `change` over the stored record, retrying when someone else changed it meanwhile. */
  private async update(id: string, change: (request: OccupantRequest) => OccupantRequest): Promise<OccupantRequest | 'not_found'> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const raw = await this.redis.get(this.keys.request(id))
      if (raw === null) return 'not_found'
      const current = JSON.parse(raw) as OccupantRequest
      const next = change(current)
      const outcome = (await this.redis.eval(UPDATE_SCRIPT, 2, this.keys.request(id), this.keys.requestCounts, raw, JSON.stringify(next), bucket(current), bucket(next))) as string
      if (outcome === 'not_found') return 'not_found'
      if (outcome === 'ok') return next
    }
    throw new Error(`occupant request ${id} kept changing during ${ATTEMPTS} attempts to update it`)
  }
}

function bucket(request: OccupantRequest): string {
  return `${request.siteId}|${request.kind}|${request.status}`
}

function matches(request: OccupantRequest, filter: OccupantRequestFilter): boolean {
  if (filter.kinds !== undefined && !filter.kinds.includes(request.kind)) return false
  if (filter.status !== undefined && request.status !== filter.status) return false
  if (filter.siteId !== undefined && request.siteId !== filter.siteId) return false
  if (filter.equipmentId !== undefined && request.equipmentId !== filter.equipmentId) return false
  return true
}
