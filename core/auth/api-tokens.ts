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

/** A token as the API lists it: everything but the secret. */
export interface ApiTokenRecord {
  /** `tok_` and 16 hex digits of the token's SHA-256: stable, and says nothing usable about the secret. */
  id: string
  name: string
  role: ApiRole
  engineerId?: string
  createdAt: string
  /** Unset: never expires. */
  expiresAt?: string
  createdBy?: string
}

interface StoredTokenRecord extends ApiTokenRecord {
  sha256: string
}

export function apiTokenId(token: string): string {
  return `tok_${sha256(token).slice(0, 16)}`
}

/**
 * Bearer tokens for the REST API. Tokens are 256-bit random strings, so a fast hash is enough to
 * store them safely (no dictionary to attack); Redis holds only the SHA-256 and the principal,
 * and, for listing and revoking, a record by token id in an index sorted by creation time.
 */
export class ApiTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly now: () => number = Date.now
  ) {}

  /** A new random token for `principal`; the only time it is shown. */
  async issue(principal: ApiPrincipal, ttlSeconds?: number): Promise<string> {
    return (await this.create(principal, { ttlSeconds })).token
  }

  /** A new random token and its record; the token is shown this once and never stored. */
  async create(principal: ApiPrincipal, options: { ttlSeconds?: number | undefined; createdBy?: string | undefined } = {}): Promise<{ token: string; record: ApiTokenRecord }> {
    const token = `vgl_${randomBytes(32).toString('base64url')}`
    return { token, record: await this.register(token, principal, options.ttlSeconds, options.createdBy) }
  }

  /** Accepts a token made elsewhere (a derived service token); registering it again keeps its id and creation time. */
  async register(token: string, principal: ApiPrincipal, ttlSeconds?: number, createdBy?: string): Promise<ApiTokenRecord> {
    const hash = sha256(token)
    const id = apiTokenId(token)
    const nowMs = this.now()
    const earlier = await this.storedRecord(id)
    const record: StoredTokenRecord = {
      id,
      name: principal.name,
      role: principal.role,
      ...(principal.engineerId === undefined ? {} : { engineerId: principal.engineerId }),
      createdAt: earlier?.createdAt ?? new Date(nowMs).toISOString(),
      ...(ttlSeconds === undefined ? {} : { expiresAt: new Date(nowMs + ttlSeconds * 1000).toISOString() }),
      ...(createdBy === undefined ? {} : { createdBy }),
      sha256: hash
    }
    const multi = this.redis.multi()
    for (const [key, value] of [[this.keys.apiToken(hash), JSON.stringify(principal)], [this.keys.apiTokenRecord(id), JSON.stringify(record)]] as const) {
      if (ttlSeconds === undefined) multi.set(key, value)
      else multi.set(key, value, 'EX', ttlSeconds)
    }
    await multi.zadd(this.keys.apiTokenIndex, Date.parse(record.createdAt), id).exec()
    return publicRecord(record)
  }

  async resolve(token: string): Promise<ApiPrincipal | undefined> {
    const value = await this.redis.get(this.keys.apiToken(sha256(token)))
    return value === null ? undefined : (JSON.parse(value) as ApiPrincipal)
  }

  async get(id: string): Promise<ApiTokenRecord | undefined> {
    const record = await this.storedRecord(id)
    return record === undefined ? undefined : publicRecord(record)
  }

  /** Every token that has not expired or been revoked, oldest first. */
  async list(): Promise<ApiTokenRecord[]> {
    const ids = await this.redis.zrange(this.keys.apiTokenIndex, 0, -1)
    if (ids.length === 0) return []
    const values = await this.redis.mget(ids.map((id) => this.keys.apiTokenRecord(id)))
    const expired = ids.filter((_, i) => values[i] === null)
    // An expired token's record is gone with it; its place in the index goes here.
    if (expired.length > 0) await this.redis.zrem(this.keys.apiTokenIndex, ...expired)
    return values.filter((v): v is string => v !== null).map((v) => publicRecord(JSON.parse(v) as StoredTokenRecord))
  }

  /** Revokes a token at once; false when there is no such token. */
  async revoke(id: string): Promise<boolean> {
    const record = await this.storedRecord(id)
    await this.redis.zrem(this.keys.apiTokenIndex, id)
    if (record === undefined) return false
    await this.redis.multi().del(this.keys.apiToken(record.sha256), this.keys.apiTokenRecord(id)).exec()
    return true
  }

  /** Revokes every token bound to the engineer (when the engineer leaves the registry). */
  async revokeForEngineer(engineerId: string): Promise<string[]> {
    const bound = (await this.list()).filter((record) => record.engineerId === engineerId)
    for (const record of bound) await this.revoke(record.id)
    return bound.map((record) => record.id)
  }

  private async storedRecord(id: string): Promise<StoredTokenRecord | undefined> {
    const value = await this.redis.get(this.keys.apiTokenRecord(id))
    return value === null ? undefined : (JSON.parse(value) as StoredTokenRecord)
  }
}

function publicRecord({ sha256: _secretHash, ...record }: StoredTokenRecord): ApiTokenRecord {
  return record
}
