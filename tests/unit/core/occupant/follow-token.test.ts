import { describe, expect, it } from 'vitest'
import { followTokenHash, isFollowToken, newFollowToken } from '../../../../core/occupant/follow-token.js'

describe('follow tokens', () => {
  it('are 192 random bits in 32 URL-safe characters, different every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newFollowToken))
    expect(tokens.size).toBe(1000)
    for (const token of tokens) {
      expect(isFollowToken(token)).toBe(true)
      expect(Buffer.from(token, 'base64url')).toHaveLength(24)
    }
  })

  it('are stored as their SHA-256 only', () => {
    const token = newFollowToken()
    expect(followTokenHash(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(followTokenHash(token)).not.toContain(token)
    expect(followTokenHash(token)).toBe(followTokenHash(token))
  })

  it.each(['', 'short', '../../../../etc/passwd/aaaaaaaaaaaa', 'a'.repeat(33), `${'a'.repeat(31)}=`])('refuses %j', (token) => {
    expect(isFollowToken(token)).toBe(false)
  })
})
