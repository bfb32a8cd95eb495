import { createHash, randomBytes } from 'node:crypto'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'

export const API_ROLES = ['admin', 'manager', 'engineer', 'requester', 'service'] as const
export type ApiRole = (typeof API_ROLES)[number]

/** Who a bearer token speaks for. */
export interface ApiPrincipal {
  name: string
  role: ApiRole
  /** For an engineer's token: which engineer (their own work orders). */
  engineerId?: string
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * Bearer tokens for the REST API. Tokens are 256-bit random strings, so a fast hash is enough to
 * store them safely (no dictionary to attack); Redis holds only the SHA-256 and the principal.
 */
export class ApiTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  /** A new random token for `principal`; the only time it is shown. */
  async issue(principal: ApiPrincipal, ttlSeconds?: number): Promise<string> {
    const token = `vgl_${randomBytes(32).toString('base64url')}`
    await this.register(token, principal, ttlSeconds)
    return token
  }

  /** Accepts a token made elsewhere (a derived service token). */
  async register(token: string, principal: ApiPrincipal, ttlSeconds?: number): Promise<void> {
    const key = this.keys.apiToken(sha256(token))
    const value = JSON.stringify(principal)
    if (ttlSeconds === undefined) await this.redis.set(key, value)
    else await this.redis.set(key, value, 'EX', ttlSeconds)
  }

  async resolve(token: string): Promise<ApiPrincipal | undefined> {
    const value = await this.redis.get(this.keys.apiToken(sha256(token)))
    return value === null ? undefined : (JSON.parse(value) as ApiPrincipal)
  }
}
