import type { Redis } from '../../core/redis/redis-connection.js'

/**
 * The minutes that received readings since their rollups were last computed, in a Redis sorted
 * set: member = the minute's start (ms), score = when it was last marked. The rollup job takes
 * minutes that have been quiet for a while, and removes a minute only if it was not marked again
 * meanwhile — so a late reading always leads to its minute being recomputed.
 */
export class DirtyMinutes {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly now: () => number = Date.now
  ) {}

  async mark(minuteStarts: Iterable<number>): Promise<void> {
    const now = this.now()
    const args: (string | number)[] = []
    for (const minute of minuteStarts) args.push(now, minute)
    if (args.length > 0) await this.redis.zadd(this.key, ...args)
  }

  /** Minutes last marked before `quietSinceMs`, with the score they had. */
  async quiet(quietSinceMs: number, limit: number): Promise<{ minute: number; markedAt: number }[]> {
    const flat = await this.redis.zrangebyscore(this.key, '-inf', quietSinceMs, 'WITHSCORES', 'LIMIT', 0, limit)
    const result: { minute: number; markedAt: number }[] = []
    for (let i = 0; i + 1 < flat.length; i += 2) result.push({ minute: Number(flat[i]), markedAt: Number(flat[i + 1]) })
    return result
  }

  /** Removes the minutes whose mark is still the one read (not marked again meanwhile). */
  async done(minutes: readonly { minute: number; markedAt: number }[]): Promise<void> {
    if (minutes.length === 0) return
    await this.redis.eval(
      `for i = 1, #ARGV, 2 do
        if redis.call('ZSCORE', KEYS[1], ARGV[i]) == ARGV[i + 1] then redis.call('ZREM', KEYS[1], ARGV[i]) end
      end
      return 0`,
      1,
      this.key,
      ...minutes.flatMap(({ minute, markedAt }) => [String(minute), String(markedAt)])
    )
  }
}
