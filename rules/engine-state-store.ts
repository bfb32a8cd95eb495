import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import type { AlertServiceSnapshot } from './alert-service.js'
import type { EquipmentDetectorSnapshot } from './rules-engine.js'

/** What the rules engine knows about one equipment, saved so that a restart resumes from it. */
export interface EquipmentEngineState {
  siteId: string
  /** Wall time of the save, epoch ms. */
  savedAt: number
  detectors: EquipmentDetectorSnapshot
  alerts: AlertServiceSnapshot
}

/** The rules engine's state in one Redis hash, one JSON field per equipment. */
export class EngineStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async save(states: ReadonlyMap<string, EquipmentEngineState>): Promise<void> {
    if (states.size === 0) return
    const fields: string[] = []
    for (const [equipmentId, state] of states) fields.push(equipmentId, JSON.stringify(state))
    await this.redis.hset(this.keys.engineState, ...fields)
  }

  /** The saved state of every equipment of these sites (all sites if undefined). */
  async load(sites?: readonly string[]): Promise<Map<string, EquipmentEngineState>> {
    const result = new Map<string, EquipmentEngineState>()
    let cursor = '0'
    do {
      const [next, flat] = await this.redis.hscan(this.keys.engineState, cursor, 'COUNT', 500)
      cursor = next
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const state = JSON.parse(flat[i + 1] as string) as EquipmentEngineState
        if (sites === undefined || sites.includes(state.siteId)) result.set(flat[i] as string, state)
      }
    } while (cursor !== '0')
    return result
  }
}
