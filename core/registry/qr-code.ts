import { randomBytes } from 'node:crypto'

// Crockford's base32, lowercase: no i, l, o or u, so a code read off a worn sticker is not misread.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const LENGTH = 10

/** 10 symbols of 32: 50 random bits, too many to guess at any rate the API lets through. */
export const QR_CODE_PATTERN = '^[0-9a-hjkmnp-tv-z]{10}$'

/** A new random equipment QR code id; the registry makes sure it is unique. */
export function newQrCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  return Array.from(randomBytes(LENGTH), (byte) => ALPHABET[byte & 31]).join('')
}

/** What the printed QR code holds: the public page where occupants report a fault with the equipment. */
export function reportPageUrl(publicBaseUrl: string, qrCode: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/r/${qrCode}`
}
