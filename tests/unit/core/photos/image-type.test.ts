import { describe, expect, it } from 'vitest'
import { isPlausibleDeclaredType, sniffImageType } from '../../../../core/photos/image-type.js'
import { AVIF_BYTES, HEIC_BYTES, JPEG_BYTES, PDF_BYTES, TINY_PNG, WEBP_BYTES } from '../../../helpers/photo-samples.js'

describe('sniffImageType', () => {
  it.each([
    ['a JPEG', JPEG_BYTES, 'image/jpeg'],
    ['a PNG', TINY_PNG, 'image/png'],
    ['a WebP', WEBP_BYTES, 'image/webp'],
    ['an iPhone HEIC', HEIC_BYTES, 'image/heic']
  ])('recognises %s from its first bytes', (_name, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type)
  })

  it.each([
    ['a PDF', PDF_BYTES],
    ['AVIF (HEIF, but not HEVC-coded)', AVIF_BYTES],
    ['HTML posing as an image', Buffer.from('<html><script>alert(1)</script></html>')],
    ['nothing', Buffer.alloc(0)],
    ['a truncated PNG signature', TINY_PNG.subarray(0, 4)]
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined()
  })
})

describe('isPlausibleDeclaredType', () => {
  it.each(['image/jpeg', 'image/png; charset=binary', 'IMAGE/WEBP', 'image/heif', 'application/octet-stream', ''])('lets %j through to the content check', (type) => {
    expect(isPlausibleDeclaredType(type)).toBe(true)
  })

  it.each(['application/pdf', 'text/html', 'image/svg+xml'])('refuses %j before reading a byte', (type) => {
    expect(isPlausibleDeclaredType(type)).toBe(false)
  })
})
