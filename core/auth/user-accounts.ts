import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { ApiPrincipal } from './api-tokens.js'
import { hashPassword, verifyPassword } from './password-hash.js'

/** The roles a person may sign in with; `service` is for programs and has tokens only. */
export const USER_ROLES = ['admin', 'manager', 'engineer', 'requester'] as const
export type UserRole = (typeof USER_ROLES)[number]

/** Lowercase letters, digits, dot, dash and underscore, starting with a letter or digit; 2 to 64 characters. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{1,63}$'
const USERNAME = new RegExp(USERNAME_PATTERN)
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

/** An account as the API lists it: everything but the password hash. */
export interface UserAccount {
  username: string
  name: string
  role: UserRole
  /** For role engineer: the engineer the account signs in as. */
  engineerId?: string
  createdAt: string
  createdBy?: string
  /** Set: the account may not sign in (its record stays, for the audit trail). */
  disabledAt?: string
}

interface StoredUserAccount extends UserAccount {
  /** `scrypt$N$r$p$salt$key` (password-hash.ts). */
  passwordHash: string
}

export interface NewUserAccount {
  username: string
  name: string
  role: UserRole
  engineerId?: string | undefined
  password: string
  createdBy?: string | undefined
}

/** What is wrong with a new account, naming the field; undefined when it may be created. */
export async function newAccountProblem(account: NewUserAccount, engineerExists: (id: string) => Promise<boolean>): Promise<{ field: keyof NewUserAccount; message: string } | undefined> {
  if (!USERNAME.test(account.username)) return { field: 'username', message: `must be 2-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit` }
  if (!(USER_ROLES as readonly string[]).includes(account.role)) return { field: 'role', message: `must be one of ${USER_ROLES.join(', ')}` }
  const passwordProblem = newPasswordProblem(account.password)
  if (passwordProblem !== undefined) return { field: 'password', message: passwordProblem }
  if (account.role !== 'engineer') {
    return account.engineerId === undefined ? undefined : { field: 'engineerId', message: `only role engineer accounts speak for an engineer; leave engineerId out for role ${account.role}` }
  }
  if (account.engineerId === undefined) return { field: 'engineerId', message: 'a role engineer account must name its engineer: add engineerId (GET /api/v1/engineers lists them)' }
  if (!(await engineerExists(account.engineerId))) return { field: 'engineerId', message: `engineer ${account.engineerId} does not exist; add them first with POST /api/v1/engineers` }
  return undefined
}

export function newPasswordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`
  return undefined
}

/** The principal a signed-in account's token speaks for. */
export function principalOf(account: UserAccount): ApiPrincipal {
  return { name: account.name, role: account.role, ...(account.engineerId === undefined ? {} : { engineerId: account.engineerId }) }
}

/**
 * People's accounts in Redis, by lowercase username. Passwords are kept only as scrypt hashes with a
 * random salt and their cost parameters; the password itself is never stored or logged.
 */
export class UserAccountStore {
  /** Checked against for unknown usernames, so they take as long to refuse as a wrong password. */
  private decoy: Promise<string> | undefined

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly now: () => number = Date.now
  ) {}

  /** A new account; 'exists' when the username is taken. Check it with newAccountProblem first. */
  async create(account: NewUserAccount): Promise<{ outcome: 'created'; account: UserAccount } | { outcome: 'exists' }> {
    const stored: StoredUserAccount = {
      username: account.username,
      name: account.name,
      role: account.role,
      ...(account.engineerId === undefined ? {} : { engineerId: account.engineerId }),
      createdAt: new Date(this.now()).toISOString(),
      ...(account.createdBy === undefined ? {} : { createdBy: account.createdBy }),
      passwordHash: await hashPassword(account.password)
    }
    const set = await this.redis.set(this.keys.userAccount(account.username), JSON.stringify(stored), 'NX')
    if (set === null) return { outcome: 'exists' }
    await this.redis.sadd(this.keys.userAccountIndex, account.username)
    return { outcome: 'created', account: publicAccount(stored) }
  }

  async get(username: string): Promise<UserAccount | undefined> {
    const stored = await this.stored(username)
    return stored === undefined ? undefined : publicAccount(stored)
  }

  /** Every account, by username. */
  async list(): Promise<UserAccount[]> {
    const usernames = (await this.redis.smembers(this.keys.userAccountIndex)).sort()
    if (usernames.length === 0) return []
    const values = await this.redis.mget(usernames.map((username) => this.keys.userAccount(username)))
    return values.filter((v): v is string => v !== null).map((v) => publicAccount(JSON.parse(v) as StoredUserAccount))
  }

  /** False when there is no such account. */
  async setPassword(username: string, password: string): Promise<boolean> {
    const stored = await this.stored(username)
    if (stored === undefined) return false
    await this.redis.set(this.keys.userAccount(username), JSON.stringify({ ...stored, passwordHash: await hashPassword(password) }), 'XX')
    return true
  }

  /** The account as it is now; undefined when there is no such account. */
  async setDisabled(username: string, disabled: boolean): Promise<UserAccount | undefined> {
    const stored = await this.stored(username)
    if (stored === undefined) return undefined
    const { disabledAt, ...rest } = stored
    const next: StoredUserAccount = disabled ? { ...rest, disabledAt: disabledAt ?? new Date(this.now()).toISOString() } : rest
    await this.redis.set(this.keys.userAccount(username), JSON.stringify(next), 'XX')
    return publicAccount(next)
  }

  /** False when there is no such account. */
  async delete(username: string): Promise<boolean> {
    const deleted = await this.redis.del(this.keys.userAccount(username))
    await this.redis.srem(this.keys.userAccountIndex, username)
    return deleted === 1
  }

  /**
   * The account when the password is right and the account not disabled; undefined for a wrong
   * password and an unknown username alike, after the same scrypt work, so neither the answer nor
   * its time tells which it was.
   */
  async verify(username: string, password: string): Promise<UserAccount | undefined> {
    const stored = USERNAME.test(username) ? await this.stored(username) : undefined
    if (stored === undefined) {
      this.decoy ??= hashPassword('not a password anyone has')
      await verifyPassword(password, await this.decoy)
      return undefined
    }
    const right = await verifyPassword(password, stored.passwordHash)
    return right && stored.disabledAt === undefined ? publicAccount(stored) : undefined
  }

  private async stored(username: string): Promise<StoredUserAccount | undefined> {
    const value = await this.redis.get(this.keys.userAccount(username))
    return value === null ? undefined : (JSON.parse(value) as StoredUserAccount)
  }
}

function publicAccount({ passwordHash: _secretHash, ...account }: StoredUserAccount): UserAccount {
  return account
}
