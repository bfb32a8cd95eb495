import type { Equipment } from '../core/domain/equipment.js'
import { healthLine } from '../core/health/health-report.js'
import type { HealthReport } from '../core/health/health-report.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Logger } from '../core/logger.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import type { AlertService } from './alert-service.js'
import { healthScore } from './health-score.js'
import type { RulesEngine } from './rules-engine.js'

export interface HealthReporterDeps {
  engine: RulesEngine
  alerts: AlertService
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
  logger: Logger
  now?: () => number
}

/** Points kept while InfluxDB is unreachable: a day of a 1,000-equipment fleet. */
const MAX_PENDING_LINES = 1_440_000

/**
 * Every minute, the health score of each equipment this engine evaluates: the latest (with its
 * reasons) to Redis for the API, the score to InfluxDB `health` for trends. Points wait in memory
 * (bounded) while InfluxDB is away, and go with the next report.
 */
export class HealthReporter {
  private readonly equipment = new Map<string, Equipment>()
  /** The score last announced per equipment: only changes go out. */
  private readonly announced = new Map<string, number>()
  private pending: string[] = []
  private timer: NodeJS.Timeout | undefined
  private reporting: Promise<void> = Promise.resolve()

  constructor(private readonly deps: HealthReporterDeps) {}

  /** This equipment is evaluated here (cheap: called per batch). */
  track(equipment: Equipment): void {
    if (!this.equipment.has(equipment.id)) this.equipment.set(equipment.id, equipment)
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.report(), everyMs)
    this.timer.unref()
  }

  /** Scores every tracked equipment now and stores the reports. */
  report(): Promise<void> {
    this.reporting = this.reporting.then(() => this.reportNow())
    return this.reporting
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer)
    await this.reporting
  }

  /** The report of one equipment, without storing it. */
  scoreOf(equipment: Equipment, at: number): HealthReport {
    const { engine, alerts } = this.deps
    const health = healthScore(engine.rulesFor(equipment), alerts.openConditions(equipment.id), engine.detectorStates(equipment.id))
    return { equipmentId: equipment.id, equipmentType: equipment.type, siteId: equipment.siteId, buildingId: equipment.buildingId, ...health, at: new Date(at).toISOString() }
  }

  /** Publishes the scores that changed since the last announcement (for live screens; nothing waits on it). */
  private async announce(reports: HealthReport[], at: number): Promise<void> {
    const changes = reports.filter((report) => this.announced.get(report.equipmentId) !== report.score).map(({ equipmentId, siteId, score }) => ({ equipmentId, siteId, score }))
    if (changes.length === 0) return
    await this.deps.redis.publish(this.deps.keys.healthChanged, JSON.stringify({ at: new Date(at).toISOString(), changes }))
    for (const change of changes) this.announced.set(change.equipmentId, change.score)
  }

  private async reportNow(): Promise<void> {
    if (this.equipment.size === 0) return
    const at = (this.deps.now ?? Date.now)()
    const reports = [...this.equipment.values()].map((equipment) => this.scoreOf(equipment, at))
    try {
      await this.deps.redis.hset(this.deps.keys.health, ...reports.flatMap((report) => [report.equipmentId, JSON.stringify(report)]))
      await this.announce(reports, at)
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not store the latest health scores in Redis')
    }
    this.pending.push(...reports.map(healthLine))
    if (this.pending.length > MAX_PENDING_LINES) this.pending = this.pending.slice(-MAX_PENDING_LINES)
    try {
      await this.deps.influx.writeLines(this.pending)
      this.pending = []
    } catch (error) {
      this.deps.logger.warn({ err: error, waiting: this.pending.length }, 'could not store health scores in InfluxDB; they wait for the next report')
    }
  }
}
