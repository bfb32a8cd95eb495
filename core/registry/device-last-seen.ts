import type { Redis } from '../redis/redis-connection.js'

/**
 * When each device's readings were last stored, in one Redis hash (field = device id, value =
 * epoch ms on ingest's clock), so it outlives restarts: a device already silent when the rules
 * engine starts is still known to be silent. Store time rather than device time: a device whose
 * clock is off, or that uploads what it buffered offline, is judged by when Vigil heard it.
 */
export class DeviceLastSeen {
  constructor(
    private readonly redis: Redis,
    private readonly key: string
  ) {}

  /** One HSET for a whole batch of devices. */
  async record(deviceIds: Iterable<string>, storedAtMs: number): Promise<void> {
    const fields = new Map<string, number>()
    for (const id of deviceIds) fields.set(id, storedAtMs)
    if (fields.size > 0) await this.redis.hset(this.key, fields)
  }

  /** The devices' last-seen times in one round trip; a device never stored is absent. */
  async read(deviceIds: readonly string[]): Promise<Map<string, number>> {
    const seen = new Map<string, number>()
    if (deviceIds.length === 0) return seen
    const values = await this.redis.hmget(this.key, ...deviceIds)
    deviceIds.forEach((id, i) => {
      const value = values[i]
      if (value !== null && value !== undefined) seen.set(id, Number(value))
    })
    return seen
  }
}
