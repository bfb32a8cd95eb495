import type { WorkOrder } from '../../core/domain/work-order.js'
import type { Logger } from '../../core/logger.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import type { AuditEntry, WorkOrderRepository } from './work-order.repository.js'

/** A missed response deadline, as the escalation log keeps it (and notifications will read it). */
export interface Escalation {
  workOrderId: string
  siteId: string
  equipmentId: string
  priority: WorkOrder['priority']
  dueAt: string
  escalatedAt: string
  /** A response deadline passed unanswered, or dispatch found nobody qualified on shift. */
  reason: EscalationReason
  /** The site's supervisor it went to, if the registry names one. */
  supervisorId?: string
}

export interface ResponseEscalationDeps {
  workOrders: WorkOrderRepository
  redis: Redis
  keys: RedisKeys
  /** The engineer who supervises a site, if any. */
  supervisorOf?: (siteId: string) => Promise<string | undefined>
  logger: Logger
  now?: () => number
}

export type EscalationReason = 'deadline_missed' | 'nobody_available'

/** Statuses in which nobody has answered yet. */
const UNANSWERED: readonly WorkOrder['status'][] = ['open', 'assigned', 'reopened']

/**
 * Escalates a work order nobody accepted by its response deadline: marks it (escalatedAt, an
 * audit entry), counts the miss per site, and logs the escalation for the site's supervisor.
 * Safe to run twice or late: it only acts on a work order still unanswered past that deadline.
 */
export class ResponseEscalation {
  private readonly now: () => number

  constructor(private readonly deps: ResponseEscalationDeps) {
    this.now = deps.now ?? Date.now
  }

  /** `_dueAt` is the deadline the job was scheduled for; the work order's own deadline decides. */
  async escalate(workOrderId: string, _dueAt: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.deps.workOrders.get(workOrderId)
      if (current === undefined || current.escalatedAt !== undefined || current.acceptedAt !== undefined || !UNANSWERED.includes(current.status)) return
      const nowMs = this.now()
      const dueMs = Date.parse(current.responseDueAt)
      if (dueMs > nowMs) {
        // A job a moment early (clocks): try again shortly. A deadline moved later has its own job.
        if (dueMs - nowMs < 60_000) throw new Error(`work order ${workOrderId} is not due until ${current.responseDueAt}; retrying`)
        return
      }
      const outcome = await this.mark(current, 'deadline_missed', `not accepted by ${current.responseDueAt}`)
      if (outcome === 'stale') continue
      return
    }
  }

  /**
   * Escalates at once work that dispatch could give to nobody (nobody qualified on shift), with
   * why each engineer was passed over. Does nothing to work already escalated or answered.
   */
  async escalateNow(workOrderId: string, why: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.deps.workOrders.get(workOrderId)
      if (current === undefined || current.escalatedAt !== undefined || current.acceptedAt !== undefined || !UNANSWERED.includes(current.status)) return false
      const outcome = await this.mark(current, 'nobody_available', why)
      if (outcome !== 'stale') return outcome === 'ok'
    }
    return false
  }

  private async mark(current: WorkOrder, reason: EscalationReason, why: string): Promise<'ok' | 'stale' | 'not_found'> {
    const supervisorId = await this.deps.supervisorOf?.(current.siteId)
    const at = new Date(this.now()).toISOString()
    const next: WorkOrder = { ...current, escalatedAt: at, version: current.version + 1 }
    const entry: AuditEntry = {
      at,
      by: reason === 'deadline_missed' ? 'vigil (response deadline)' : 'vigil (dispatch)',
      action: 'escalate',
      from: current.status,
      to: current.status,
      note: `${why}; escalated to ${supervisorId === undefined ? 'the site supervisor (none registered for this site)' : `supervisor ${supervisorId}`}`
    }
    const outcome = await this.deps.workOrders.update(current, next, entry)
    if (outcome !== 'ok') return outcome
    const escalation: Escalation = { workOrderId: current.id, siteId: current.siteId, equipmentId: current.equipmentId, priority: current.priority, dueAt: current.responseDueAt, escalatedAt: at, reason }
    if (supervisorId !== undefined) escalation.supervisorId = supervisorId
    await this.deps.redis
      .multi()
      .hincrby(this.deps.keys.escalationCounts, current.siteId, 1)
      .xadd(this.deps.keys.escalations, 'MAXLEN', '~', '100000', '*', 'escalation', JSON.stringify(escalation))
      .exec()
    this.deps.logger.warn({ ...escalation, why }, reason === 'deadline_missed' ? 'response deadline missed: escalated' : 'nobody available to dispatch to: escalated')
    return 'ok'
  }

  /** Escalations so far, by site. */
  async counts(): Promise<Record<string, number>> {
    const raw = await this.deps.redis.hgetall(this.deps.keys.escalationCounts)
    return Object.fromEntries(Object.entries(raw).map(([site, count]) => [site, Number(count)]))
  }

  /** The latest escalations, newest first. */
  async recent(limit: number): Promise<Escalation[]> {
    const entries = await this.deps.redis.xrevrange(this.deps.keys.escalations, '+', '-', 'COUNT', limit)
    return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as Escalation)
  }
}
