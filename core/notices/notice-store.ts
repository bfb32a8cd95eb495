import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { Notice } from './notice.js'

/** Notices in Redis (id → JSON), and each posted or withdrawn one on a stream for the webhooks. */
export class NoticeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async add(notice: Notice): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.notices, notice.id, JSON.stringify(notice))
      .xadd(this.keys.noticeEvents, 'MAXLEN', '~', '10000', '*', 'event', JSON.stringify({ kind: 'posted', notice }))
      .exec()
  }

  async get(id: string): Promise<Notice | undefined> {
    const raw = await this.redis.hget(this.keys.notices, id)
    return raw === null ? undefined : (JSON.parse(raw) as Notice)
  }

  /** Every notice, soonest first. */
  async list(): Promise<Notice[]> {
    return (await this.redis.hvals(this.keys.notices)).map((raw) => JSON.parse(raw) as Notice).sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  }

  /** True if it existed. */
  async remove(notice: Notice): Promise<boolean> {
    const replies = await this.redis
      .multi()
      .hdel(this.keys.notices, notice.id)
      .xadd(this.keys.noticeEvents, 'MAXLEN', '~', '10000', '*', 'event', JSON.stringify({ kind: 'withdrawn', notice }))
      .exec()
    return replies?.[0]?.[1] === 1
  }
}
