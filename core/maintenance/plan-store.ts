import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import { NO_PROGRESS } from './maintenance-plan.js'
import type { MaintenancePlan, PlanProgress } from './maintenance-plan.js'

/**
 * Writes progress only over the state it was computed from: the same occurrence count and the
 * same pending occurrence (or none). KEYS: progress. ARGV: expected occurrences, expected pending
 * occurrence (0: none), JSON.
 */
const ADVANCE = `
local raw = redis.call('GET', KEYS[1])
local occurrences, pending = 0, 0
if raw then
  local progress = cjson.decode(raw)
  occurrences = progress.occurrences
  if type(progress.pending) == 'table' then pending = progress.pending.occurrence end
end
if occurrences ~= tonumber(ARGV[1]) or pending ~= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[3])
return 1`

/** Maintenance plans and their progress in Redis. */
export class PlanStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  /** False when the id is taken. */
  async create(plan: MaintenancePlan, progress: PlanProgress = NO_PROGRESS): Promise<boolean> {
    const created = await this.redis.hsetnx(this.keys.maintenancePlans, plan.id, JSON.stringify(plan))
    if (created === 1) await this.redis.set(this.keys.maintenancePlanProgress(plan.id), JSON.stringify(progress))
    return created === 1
  }

  async replace(plan: MaintenancePlan): Promise<void> {
    await this.redis.hset(this.keys.maintenancePlans, plan.id, JSON.stringify(plan))
  }

  async get(id: string): Promise<MaintenancePlan | undefined> {
    const raw = await this.redis.hget(this.keys.maintenancePlans, id)
    return raw === null ? undefined : (JSON.parse(raw) as MaintenancePlan)
  }

  async list(): Promise<MaintenancePlan[]> {
    return (await this.redis.hvals(this.keys.maintenancePlans)).map((raw) => JSON.parse(raw) as MaintenancePlan).sort((a, b) => a.id.localeCompare(b.id))
  }

  /** True if the plan existed. Work orders it opened stay. */
  async delete(id: string): Promise<boolean> {
    const [[, removed]] = ((await this.redis.multi().hdel(this.keys.maintenancePlans, id).del(this.keys.maintenancePlanProgress(id)).exec()) ?? [[null, 0]]) as [[unknown, number]]
    return removed === 1
  }

  async progress(id: string): Promise<PlanProgress> {
    const raw = await this.redis.get(this.keys.maintenancePlanProgress(id))
    return raw === null ? NO_PROGRESS : (JSON.parse(raw) as PlanProgress)
  }

  /** Records the next occurrence if nobody recorded it meanwhile; false if someone did. */
  async advance(id: string, from: PlanProgress, to: PlanProgress): Promise<boolean> {
    return (await this.redis.eval(ADVANCE, 1, this.keys.maintenancePlanProgress(id), String(from.occurrences), String(from.pending?.occurrence ?? 0), JSON.stringify(to))) === 1
  }

}
