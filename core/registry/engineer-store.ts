import type { Engineer } from '../domain/engineer.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { DeleteOutcome } from './registry-store.js'

export type EngineerWriteOutcome = { outcome: 'ok' } | { outcome: 'exists' } | { outcome: 'not_found' } | { outcome: 'no_site'; siteId: string }

/**
 * Writes an engineer whose sites all exist, and keeps each site's set of engineers right.
 * KEYS: record, index. ARGV: id, JSON, mode (create | update | put), site key prefix, site-engineers
 * prefix, then the engineer's site ids.
 */
const WRITE_ENGINEER = `
local old = redis.call('GET', KEYS[1])
if ARGV[3] == 'create' and old then return {'exists'} end
if ARGV[3] == 'update' and not old then return {'not_found'} end
for i = 6, #ARGV do
  if redis.call('EXISTS', ARGV[4] .. ARGV[i]) == 0 then return {'no_site', ARGV[i]} end
end
if old then
  for _, site in ipairs(cjson.decode(old).sites) do redis.call('SREM', ARGV[5] .. site.siteId, ARGV[1]) end
end
for i = 6, #ARGV do redis.call('SADD', ARGV[5] .. ARGV[i], ARGV[1]) end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return {'ok'}`

/**
 * Deletes an engineer who has no active work orders assigned.
 * KEYS: record, index, the engineer's active work orders. ARGV: id, site-engineers prefix.
 */
const DELETE_ENGINEER = `
local raw = redis.call('GET', KEYS[1])
if not raw then return {'not_found'} end
local active = redis.call('SMEMBERS', KEYS[3])
if #active > 0 then
  table.insert(active, 1, 'in_use')
  return active
end
for _, site in ipairs(cjson.decode(raw).sites) do redis.call('SREM', ARGV[2] .. site.siteId, ARGV[1]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return {'deleted'}`

/** The engineering team in Redis: who works where, when, and on what (dispatch reads it). */
export class EngineerStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  /** A new engineer; 'exists' when the id is taken, 'no_site' naming a site that does not exist. */
  async create(engineer: Engineer): Promise<EngineerWriteOutcome> {
    return this.write(engineer, 'create')
  }

  /** Replaces an engineer's record. */
  async replace(engineer: Engineer): Promise<EngineerWriteOutcome> {
    return this.write(engineer, 'update')
  }

  /** Creates or replaces (the simulated fleet's team at each start). */
  async put(engineer: Engineer): Promise<EngineerWriteOutcome> {
    return this.write(engineer, 'put')
  }

  async get(id: string): Promise<Engineer | undefined> {
    const raw = await this.redis.get(this.keys.engineer(id))
    return raw === null ? undefined : (JSON.parse(raw) as Engineer)
  }

  /** Every engineer, or those working at one site, by id. */
  async list(filter: { siteId?: string | undefined } = {}): Promise<Engineer[]> {
    const ids = await this.redis.smembers(filter.siteId === undefined ? this.keys.engineerIndex : this.keys.siteEngineers(filter.siteId))
    if (ids.length === 0) return []
    const values = await this.redis.mget(ids.map((id) => this.keys.engineer(id)))
    return values
      .filter((v): v is string => v !== null)
      .map((v) => JSON.parse(v) as Engineer)
      .sort((a, b) => a.id.localeCompare(b.id))
  }

  /** Refused while work orders are assigned to the engineer: reassign them first. */
  async delete(id: string): Promise<DeleteOutcome> {
    const [outcome, ...active] = (await this.redis.eval(DELETE_ENGINEER, 3, this.keys.engineer(id), this.keys.engineerIndex, this.keys.engineerWorkOrders(id), id, this.keys.siteEngineers(''))) as string[]
    if (outcome === 'deleted' || outcome === 'not_found') return { outcome }
    return { outcome: 'in_use', dependents: [{ kind: 'active work order', ids: active.sort() }] }
  }

  private async write(engineer: Engineer, mode: 'create' | 'update' | 'put'): Promise<EngineerWriteOutcome> {
    const siteIds = [...new Set(engineer.sites.map((site) => site.siteId))]
    const [outcome, siteId] = (await this.redis.eval(
      WRITE_ENGINEER,
      2,
      this.keys.engineer(engineer.id),
      this.keys.engineerIndex,
      engineer.id,
      JSON.stringify(engineer),
      mode,
      this.keys.site(''),
      this.keys.siteEngineers(''),
      ...siteIds
    )) as [string, string | undefined]
    if (outcome === 'no_site') return { outcome, siteId: siteId ?? '' }
    return { outcome: outcome as 'ok' | 'exists' | 'not_found' }
  }
}
