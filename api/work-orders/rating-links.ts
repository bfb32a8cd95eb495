import { randomBytes } from 'node:crypto'
import { sha256 } from '../../core/auth/api-tokens.js'
import type { WorkOrder, WorkOrderRating } from '../../core/domain/work-order.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import type { WorkOrderRepository } from './work-order.repository.js'

export interface RatingLinksDeps {
  redis: Redis
  keys: RedisKeys
  workOrders: WorkOrderRepository
  /** How long a link stays valid (RATING_LINK_TTL, default 48 h). */
  ttlMs: number
  now?: () => number
}

export interface IssuedRatingLink {
  /** Shown this once; only its SHA-256 is stored. */
  token: string
  expiresAt: string
}

interface StoredLink {
  workOrderId: string
  expiresAt: string
}

export type RateOutcome =
  | { outcome: 'rated'; workOrder: WorkOrder }
  /** Unknown, expired, or already used. */
  | { outcome: 'gone' }
  | { outcome: 'not_ratable'; status: WorkOrder['status'] }

/** Work that may be rated: the engineer has said it is fixed. */
const RATABLE: readonly WorkOrder['status'][] = ['resolved', 'closed']

/**
 * One-time links through which an owner or requester rates finished work, without an account.
 * A link names one work order, expires after the TTL, and is spent by the first rating; a work
 * order is rated once. Redis keeps the link only as the SHA-256 of its token.
 */
export class RatingLinks {
  private readonly now: () => number

  constructor(private readonly deps: RatingLinksDeps) {
    this.now = deps.now ?? Date.now
  }

  async issue(workOrderId: string): Promise<IssuedRatingLink> {
    const token = `rt_${randomBytes(24).toString('base64url')}`
    const expiresAt = new Date(this.now() + this.deps.ttlMs).toISOString()
    const link: StoredLink = { workOrderId, expiresAt }
    // Redis drops the key a little after expiry; the stored time is what decides (and what tests move).
    await this.deps.redis.set(this.deps.keys.ratingLink(sha256(token)), JSON.stringify(link), 'PX', this.deps.ttlMs + 60_000)
    return { token, expiresAt }
  }

  /** The work order a live link rates, or undefined if the link is unknown, used or expired. */
  async lookup(token: string): Promise<WorkOrder | undefined> {
    const link = await this.live(token)
    return link === undefined ? undefined : this.deps.workOrders.get(link.workOrderId)
  }

  async rate(token: string, score: number, comment: string): Promise<RateOutcome> {
    const link = await this.live(token)
    if (link === undefined) return { outcome: 'gone' }
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.deps.workOrders.get(link.workOrderId)
      if (current === undefined || current.rating !== undefined) return { outcome: 'gone' }
      if (!RATABLE.includes(current.status)) return { outcome: 'not_ratable', status: current.status }
      const ratedAt = new Date(this.now()).toISOString()
      const rating: WorkOrderRating = { score, comment, ratedAt }
      const next: WorkOrder = { ...current, rating, version: current.version + 1 }
      const outcome = await this.deps.workOrders.update(current, next, { at: ratedAt, by: 'rating link', action: 'rate', from: current.status, to: current.status, note: `${score}/5${comment === '' ? '' : `: ${comment}`}` })
      if (outcome === 'stale') continue
      await this.deps.redis.del(this.deps.keys.ratingLink(sha256(token)))
      return outcome === 'ok' ? { outcome: 'rated', workOrder: next } : { outcome: 'gone' }
    }
    throw new Error(`work order ${link.workOrderId} kept changing while it was rated; try again`)
  }

  private async live(token: string): Promise<StoredLink | undefined> {
    const raw = await this.deps.redis.get(this.deps.keys.ratingLink(sha256(token)))
    if (raw === null) return undefined
    const link = JSON.parse(raw) as StoredLink
    return Date.parse(link.expiresAt) > this.now() ? link : undefined
  }
}
