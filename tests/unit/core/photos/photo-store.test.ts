import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PhotoRejectedError } from '../../../../core/photos/photo-rejection.js'
import { PhotoStore } from '../../../../core/photos/photo-store.js'
import { JPEG_BYTES, PDF_BYTES, TINY_PNG } from '../../../helpers/photo-samples.js'

const T0 = Date.parse('2026-11-30T08:00:00.000Z')

/** Every file under `dir`, recursively, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}

/** A stream yielding `bytes` in chunks of `size`, as an upload arrives. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
  return Readable.from(chunks)
}

async function rejection(promise: Promise<unknown>): Promise<PhotoRejectedError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e)
  if (!(error instanceof PhotoRejectedError)) throw new Error(`expected a PhotoRejectedError, got ${String(error)}`)
  return error
}

describe('PhotoStore', () => {
  let dir: string
  let store: PhotoStore

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-photo-store-'))
    store = new PhotoStore({ dir, maxBytes: 1024, now: () => T0 })
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores a photo under a random id, with its type from its bytes, and gives it back whole', async () => {
    const ref = await store.save(chunked(TINY_PNG, 7), { uploadedBy: 'li (engineer)', caption: 'pump seal', declaredType: 'application/octet-stream' })
    expect(ref).toEqual({ id: expect.stringMatching(/^ph_[0-9a-f]{32}$/) as unknown, contentType: 'image/png', bytes: TINY_PNG.length, uploadedAt: '2026-11-30T08:00:00.000Z', uploadedBy: 'li (engineer)', caption: 'pump seal' })
    const opened = await store.open(ref.id)
    expect(opened?.ref).toEqual(ref)
    const chunks: Buffer[] = []
    for await (const chunk of opened?.stream ?? []) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks)).toEqual(TINY_PNG)
    expect(await filesUnder(dir)).toEqual(expect.arrayContaining([path.join(ref.id.slice(3, 5), ref.id), path.join(ref.id.slice(3, 5), `${ref.id}.json`)]))
  })

  it('takes a photo of exactly the limit and refuses one byte more, naming the limit and keeping nothing', async () => {
    const exact = Buffer.concat([JPEG_BYTES, Buffer.alloc(1024 - JPEG_BYTES.length)])
    expect((await store.save(chunked(exact, 100), { uploadedBy: 'x' })).bytes).toBe(1024)
    const before = await filesUnder(dir)
    const error = await rejection(store.save(chunked(Buffer.concat([exact, Buffer.from([0])]), 100), { uploadedBy: 'x' }))
    expect(error).toMatchObject({ reason: 'too_large', limitBytes: 1024 })
    expect(error.message).toContain('1024 bytes')
    expect(await filesUnder(dir)).toEqual(before)
  })

  it('refuses what is not an image whatever it claims to be, and keeps nothing', async () => {
    const error = await rejection(store.save(Readable.from([PDF_BYTES]), { uploadedBy: 'x', declaredType: 'image/jpeg' }))
    expect(error.reason).toBe('unsupported_type')
    expect(error.message).toMatch(/JPEG, PNG, WebP or HEIC/)
    expect(await filesUnder(dir)).toEqual([])
  })

  it('refuses a declared type that cannot be a photo before reading the upload', async () => {
    const source = Readable.from([TINY_PNG])
    const error = await rejection(store.save(source, { uploadedBy: 'x', declaredType: 'text/html' }))
    expect(error.reason).toBe('unsupported_type')
    expect(source.destroyed).toBe(true)
  })

  it('refuses an empty file', async () => {
    expect((await rejection(store.save(Readable.from([]), { uploadedBy: 'x' }))).reason).toBe('empty')
    expect(await filesUnder(dir)).toEqual([])
  })

  it('keeps nothing of an upload that breaks off half-way', async () => {
    let reads = 0
    // The first read gets part of the photo; asking for more finds the connection gone.
    const broken = new Readable({
      read() {
        reads += 1
        if (reads === 1) this.push(TINY_PNG.subarray(0, 40))
        else this.destroy(new Error('client went away'))
      }
    })
    await expect(store.save(broken, { uploadedBy: 'x' })).rejects.toThrow('client went away')
    expect(await filesUnder(dir)).toEqual([])
  })

  it('finds nothing for ids it did not make, so no path can be smuggled in', async () => {
    expect(await store.open('../../etc/passwd')).toBeUndefined()
    expect(await store.open('ph_00000000000000000000000000000000')).toBeUndefined()
    await store.remove('../whatever')
  })

  it('removes a photo and its record', async () => {
    const ref = await store.save(Readable.from([TINY_PNG]), { uploadedBy: 'x' })
    await store.remove(ref.id)
    expect(await store.open(ref.id)).toBeUndefined()
    expect(await filesUnder(dir)).toEqual([])
    expect(JSON.parse(JSON.stringify(ref))).toMatchObject({ id: ref.id })
    await expect(readFile(path.join(dir, ref.id.slice(3, 5), ref.id))).rejects.toThrow()
  })
})
