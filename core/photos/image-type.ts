/** The photo formats Vigil accepts: what phones and cameras produce (HEIC is the iPhone's default). */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number]

/** Bytes of a file's start that sniffImageType needs to recognise every accepted format. */
export const SNIFF_BYTES = 64

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
// HEIF brands whose images are HEVC-coded (ISO/IEC 23008-12); mif1/msf1 alone also cover AVIF, so they do not count.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs'])

/**
 * What a file is, from its first bytes (at least SNIFF_BYTES of them when the file is that long),
 * whatever its name or declared type says; undefined for anything but the accepted formats.
 */
export function sniffImageType(head: Uint8Array): PhotoContentType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(head, PNG_SIGNATURE)) return 'image/png'
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp'
  if (isHeic(head)) return 'image/heic'
  return undefined
}

/** Declared types a browser may send for an accepted photo; HEIC often arrives as octet-stream or with none. */
export function isPlausibleDeclaredType(declared: string): boolean {
  const type = declared.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === '' || type === 'application/octet-stream' || type === 'image/heif' || type === 'image/jpg' || (PHOTO_CONTENT_TYPES as readonly string[]).includes(type)
}

/** An ISO base media file: a `ftyp` box first, whose major or compatible brands name HEVC-coded HEIF. */
function isHeic(head: Uint8Array): boolean {
  if (head.length < 12 || ascii(head, 4, 8) !== 'ftyp') return false
  const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0)
  const end = Math.min(boxSize >>> 0, head.length)
  if (HEIC_BRANDS.has(ascii(head, 8, 12))) return true
  // Compatible brands follow the major brand and the 4-byte minor version.
  for (let at = 16; at + 4 <= end; at += 4) if (HEIC_BRANDS.has(ascii(head, at, at + 4))) return true
  return false
}

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return head.length >= signature.length && signature.every((byte, i) => head[i] === byte)
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return head.length < to ? '' : String.fromCharCode(...head.subarray(from, to))
}
