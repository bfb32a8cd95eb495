import { describe, expect, it } from 'vitest'
import { PASSWORD_COST, hashPassword, verifyPassword } from '../../../../core/auth/password-hash.js'

describe('password hashing with scrypt', () => {
  it('keeps the scheme, its cost and a salt with the hash, and never the password', async () => {
    const hash = await hashPassword('pump-room-lantern-42')
    const [scheme, n, r, p, salt, key] = hash.split('$')
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', PASSWORD_COST.N, PASSWORD_COST.r, PASSWORD_COST.p])
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16)
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32)
    expect(hash).not.toContain('pump-room-lantern-42')
  })

  it('salts each hash afresh: one password, two different hashes, both verify', async () => {
    const [first, second] = await Promise.all([hashPassword('pump-room-lantern-42'), hashPassword('pump-room-lantern-42')])
    expect(first).not.toBe(second)
    expect(await verifyPassword('pump-room-lantern-42', first)).toBe(true)
    expect(await verifyPassword('pump-room-lantern-42', second)).toBe(true)
  })

  it('refuses a wrong password, one character off or empty', async () => {
    const hash = await hashPassword('pump-room-lantern-42')
    expect(await verifyPassword('pump-room-lantern-43', hash)).toBe(false)
    expect(await verifyPassword('Pump-room-lantern-42', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
  })

  it('verifies with the cost stored in the hash, so the cost can be raised without breaking old hashes', async () => {
    const cheap = await hashPassword('pump-room-lantern-42', { N: 1024, r: 8, p: 1 })
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true)
    expect(await verifyPassword('pump-room-lantern-42', cheap)).toBe(true)
  })

  it('answers false, not an error, for a hash it does not understand', async () => {
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$16384$8$1')).toBe(false)
  })
})
