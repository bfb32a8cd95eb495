import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { ApiPrincipal, ApiTokenStore } from './api-tokens.js'
import { principalOf } from './user-accounts.js'
import type { UserAccount } from './user-accounts.js'

/** How long the token of a password sign-in lasts: a working day and then some. */
export const SESSION_TTL_SECONDS = 12 * 3600

export interface Session {
  /** An ordinary API token (role and engineer of the account), shown this once. */
  token: string
  expiresAt: string
  principal: ApiPrincipal
}

/**
 * Sign-ins as API tokens: each issues a token that expires, remembered under its account so that
 * deleting, disabling or re-keying the account ends every session it has.
 */
export class UserSessions {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly tokens: ApiTokenStore,
    private readonly ttlSeconds: number = SESSION_TTL_SECONDS
  ) {}

  async start(account: UserAccount): Promise<Session> {
    const principal = principalOf(account)
    const { token, record } = await this.tokens.create(principal, { ttlSeconds: this.ttlSeconds, createdBy: 'sign-in' })
    const key = this.keys.userSessions(account.username)
    // The set lives as long as the newest session; ids of expired tokens in it revoke nothing.
    await this.redis.multi().sadd(key, record.id).expire(key, this.ttlSeconds).exec()
    return { token, expiresAt: record.expiresAt ?? new Date(Date.parse(record.createdAt) + this.ttlSeconds * 1000).toISOString(), principal }
  }

  /** Revokes every token the account's sign-ins issued; how many were still valid. */
  async endAll(username: string): Promise<number> {
    const key = this.keys.userSessions(username)
    const ids = await this.redis.smembers(key)
    let ended = 0
    for (const id of ids) if (await this.tokens.revoke(id)) ended++
    await this.redis.del(key)
    return ended
  }
}
