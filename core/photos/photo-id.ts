import { randomBytes } from 'node:crypto'

/** `ph_` and 32 hex digits: 128 random bits, never derived from anything the uploader sent. */
export const PHOTO_ID_PATTERN = '^ph_[0-9a-f]{32}$'
const PHOTO_ID = new RegExp(PHOTO_ID_PATTERN)

export function newPhotoId(): string {
  return `ph_${randomBytes(16).toString('hex')}`
}

/** Checked before an id becomes part of a file path. */
export function isPhotoId(value: string): boolean {
  return PHOTO_ID.test(value)
}
