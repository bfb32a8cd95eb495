import { randomBytes } from 'node:crypto'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { MaintenanceWindow } from './maintenance-window.js'

/** Maintenance windows in Redis: one hash per equipment, window id → JSON. */
export class MaintenanceWindowStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async add(window: Omit<MaintenanceWindow, 'id'>): Promise<MaintenanceWindow> {
    const record: MaintenanceWindow = { id: `mw_${randomBytes(6).toString('hex')}`, ...window }
    await this.redis.hset(this.keys.maintenanceWindows(window.equipmentId), record.id, JSON.stringify(record))
    return record
  }

  async list(equipmentId: string): Promise<MaintenanceWindow[]> {
    const all = await this.redis.hvals(this.keys.maintenanceWindows(equipmentId))
    return all.map((json) => JSON.parse(json) as MaintenanceWindow).sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  }

  /** True if the window existed. */
  async remove(equipmentId: string, id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.maintenanceWindows(equipmentId), id)) === 1
  }
}
