import { createHmac, timingSafeEqual } from 'node:crypto'

/** Header of a json webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-vigil-signature'

/** A signature older (or further ahead) than this is refused by verifySignature: a replayed request. */
export const DEFAULT_SIGNATURE_TOLERANCE_S = 300

export function signatureHeader(body: string, secret: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string }

/**
 * What a receiver does with a json webhook: recompute the HMAC over `t.body` (the raw body, before
 * any JSON parsing), compare in constant time, and refuse a timestamp out of `toleranceS`.
 */
export function verifySignature(body: string, header: string | undefined, secret: string, nowUnixSeconds: number, toleranceS = DEFAULT_SIGNATURE_TOLERANCE_S): SignatureCheck {
  if (header === undefined) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` }
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]))
  const t = Number(parts.get('t'))
  const v1 = parts.get('v1')
  if (!Number.isSafeInteger(t) || v1 === undefined || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed signature header: expected t=<unix>,v1=<64 hex digits>' }
  if (Math.abs(nowUnixSeconds - t) > toleranceS) return { ok: false, reason: `timestamp ${t} is more than ${toleranceS} s from now` }
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex')
  return timingSafeEqual(expected, Buffer.from(v1, 'hex')) ? { ok: true } : { ok: false, reason: 'signature does not match the body' }
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex')
}
