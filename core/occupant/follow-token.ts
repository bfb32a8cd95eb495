import { createHash, randomBytes } from 'node:crypto'

/** 32 base64url characters: 192 random bits, so a follow link cannot be guessed. */
export const FOLLOW_TOKEN_PATTERN = '^[A-Za-z0-9_-]{32}$'
const FOLLOW_TOKEN = new RegExp(FOLLOW_TOKEN_PATTERN)

/** The secret in an occupant's private follow link (`/r/follow/{token}`); shown once, never stored. */
export function newFollowToken(): string {
  return randomBytes(24).toString('base64url')
}

export function isFollowToken(value: string): boolean {
  return FOLLOW_TOKEN.test(value)
}

/** What is stored instead of the token: enough to find the request, useless to anyone reading Redis. */
export function followTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
