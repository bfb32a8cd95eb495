import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)))
  })

/** scrypt cost parameters (RFC 7914). */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** For secrets a person may have chosen: N=2^14, r=8, p=1, about 50 ms and 16 MiB per check. */
export const PASSWORD_COST: ScryptCost = { N: 16_384, r: 8, p: 1 }

/**
 * For secrets Vigil generated itself (device passwords: 192 random bits): N=2^10, about 3 ms per
 * check. A work factor defends guessable secrets; against 2^192 possibilities it adds nothing,
 * while 16x the cost would make 10,000 devices reconnecting after a broker restart take minutes
 * of CPU instead of seconds (bench:connect).
 */
export const GENERATED_SECRET_COST: ScryptCost = { N: 1024, r: 8, p: 1 }

const KEY_BYTES = 32

/** `scrypt$N$r$p$salt$key`, base64url: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEY_BYTES, { ...cost, maxmem: 64 * 1024 * 1024 })
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = encoded.split('$')
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
