import type { Redis } from '../redis/redis-connection.js'
import type { NotificationKeys } from './notification-keys.js'
import { DEFAULT_PREFERENCES } from './notification-preferences.js'
import type { NotificationPreferences } from './notification-preferences.js'

/** Each person's notification preferences, keyed by engineer id (engineers) or API token id (others). */
export class NotificationPreferenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: NotificationKeys
  ) {}

  /** Their choice, or the defaults. */
  async get(ownerId: string): Promise<NotificationPreferences> {
    const raw = await this.redis.hget(this.keys.preferences, ownerId)
    return raw === null ? DEFAULT_PREFERENCES : (JSON.parse(raw) as NotificationPreferences)
  }

  async many(ownerIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
    if (ownerIds.length === 0) return new Map()
    const raws = await this.redis.hmget(this.keys.preferences, ...ownerIds)
    return new Map(ownerIds.map((id, i) => [id, raws[i] == null ? DEFAULT_PREFERENCES : (JSON.parse(raws[i]) as NotificationPreferences)]))
  }

  async put(ownerId: string, preferences: NotificationPreferences): Promise<void> {
    await this.redis.hset(this.keys.preferences, ownerId, JSON.stringify({ severities: [...new Set(preferences.severities)], channels: [...new Set(preferences.channels)] }))
  }
}
