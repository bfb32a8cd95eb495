import { createHash } from 'node:crypto'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'

export interface SignInLimits {
  /** Sign-in attempts one username may make from one address per window without succeeding. */
  attempts: number
  windowMs: number
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { attempts: 10, windowMs: 15 * 60_000 }

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterMs: number }

/** KEYS: the counter. ARGV: limit, window ms. Returns {count, ms left in the window}. */
const TAKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {count, redis.call('PTTL', KEYS[1])}`

/**
 * Guessing limits for password sign-in, per username and client address, in Redis so they hold
 * across API processes. Each attempt is charged before the password is checked (parallel guesses
 * cannot slip past the count) and a success clears the count. Keys hold only a hash of the pair.
 */
export class SignInThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS
  ) {}

  async take(username: string, address: string): Promise<SignInVerdict> {
    const [count, ttlMs] = (await this.redis.eval(TAKE_SCRIPT, 1, this.key(username, address), this.limits.attempts, this.limits.windowMs)) as [number, number]
    if (count <= this.limits.attempts) return { allowed: true }
    return { allowed: false, retryAfterMs: ttlMs > 0 ? ttlMs : this.limits.windowMs }
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.redis.del(this.key(username, address))
  }

  private key(username: string, address: string): string {
    return this.keys.signInFailures(createHash('sha256').update(`${username}\n${address}`).digest('hex').slice(0, 32))
  }
}
