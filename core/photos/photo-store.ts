import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { PhotoRef } from '../domain/work-order.js'
import { SNIFF_BYTES, isPlausibleDeclaredType, sniffImageType } from './image-type.js'
import type { PhotoContentType } from './image-type.js'
import { isPhotoId, newPhotoId } from './photo-id.js'
import { PhotoRejectedError } from './photo-rejection.js'

export interface PhotoStoreOptions {
  /** Where photos live (DATA_DIR/photos): `{dir}/{aa}/{id}` and `{id}.json`; uploads in progress in `{dir}/.incoming`. */
  dir: string
  /** Largest photo accepted, in bytes (PHOTO_MAX_BYTES). */
  maxBytes: number
  now?: () => number
}

export interface PhotoMeta {
  /** Who uploaded it, as the audit trail names people: `ana (engineer)`, `occupant (request RQ-000012)`. */
  uploadedBy: string
  caption?: string | undefined
  /** The Content-Type the client declared; only a hint, the bytes decide. */
  declaredType?: string | undefined
}

export interface OpenedPhoto {
  ref: PhotoRef
  stream: Readable
}

/**
 * Photos on disk under the data directory. An upload is streamed to a temporary file, checked as it
 * arrives (size, and the format from its first bytes), and renamed into place only when whole and
 * accepted, so a refused or interrupted upload leaves nothing behind. Names are random ids, never
 * anything the uploader sent. Who may see a photo is decided by whoever holds its PhotoRef.
 */
export class PhotoStore {
  readonly maxBytes: number
  private readonly dir: string
  private readonly incoming: string
  private readonly now: () => number

  constructor(options: PhotoStoreOptions) {
    this.dir = options.dir
    this.incoming = path.join(options.dir, '.incoming')
    this.maxBytes = options.maxBytes
    this.now = options.now ?? Date.now
  }

  /** Stores what `source` yields; throws PhotoRejectedError (too_large, unsupported_type, empty) and keeps nothing then. */
  async save(source: Readable, meta: PhotoMeta): Promise<PhotoRef> {
    if (meta.declaredType !== undefined && !isPlausibleDeclaredType(meta.declaredType)) {
      source.destroy()
      throw unsupported(meta.declaredType)
    }
    const id = newPhotoId()
    await mkdir(this.incoming, { recursive: true })
    const partial = path.join(this.incoming, id)
    const file = await open(partial, 'wx')
    let closed = false
    try {
      let bytes = 0
      let head = Buffer.alloc(0)
      let contentType: PhotoContentType | undefined
      // Leaving the loop early (a throw) destroys the source: the rest of the upload is not read.
      for await (const chunk of source) {
        const data = chunk as Buffer
        bytes += data.length
        if (bytes > this.maxBytes) throw new PhotoRejectedError('too_large', `the photo is larger than the limit of ${this.maxBytes} bytes (${formatMiB(this.maxBytes)}); send a smaller or more compressed one`, this.maxBytes)
        if (contentType === undefined && head.length < SNIFF_BYTES) {
          head = Buffer.concat([head, data])
          if (head.length >= SNIFF_BYTES) contentType = requireImage(head)
        }
        await writeAll(file, data)
      }
      if (bytes === 0) throw new PhotoRejectedError('empty', 'the photo is empty (0 bytes); choose the image file again')
      contentType ??= requireImage(head)
      await file.datasync()
      await file.close()
      closed = true
      await mkdir(path.dirname(this.imagePath(id)), { recursive: true })
      await rename(partial, this.imagePath(id))
      const ref: PhotoRef = { id, contentType, bytes, uploadedAt: new Date(this.now()).toISOString(), uploadedBy: meta.uploadedBy }
      if (meta.caption !== undefined && meta.caption !== '') ref.caption = meta.caption
      await this.writeRef(ref)
      return ref
    } catch (error) {
      if (!closed) await file.close().catch(() => undefined)
      await rm(partial, { force: true })
      await this.remove(id)
      throw error
    }
  }

  /** The photo and its stream, or undefined when there is no such photo (or the id is not one Vigil makes). */
  async open(id: string): Promise<OpenedPhoto | undefined> {
    if (!isPhotoId(id)) return undefined
    const ref = await this.ref(id)
    if (ref === undefined) return undefined
    let handle: FileHandle
    try {
      handle = await open(this.imagePath(id), 'r')
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
    return { ref, stream: handle.createReadStream() }
  }

  /** The photo's record, without opening it. */
  async ref(id: string): Promise<PhotoRef | undefined> {
    if (!isPhotoId(id)) return undefined
    try {
      return JSON.parse(await readFile(this.refPath(id), 'utf8')) as PhotoRef
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
  }

  /** Deletes a photo (a form refused after its photo was stored); no error if it is not there. */
  async remove(id: string): Promise<void> {
    if (!isPhotoId(id)) return
    await rm(this.refPath(id), { force: true })
    await rm(this.imagePath(id), { force: true })
  }

  private async writeRef(ref: PhotoRef): Promise<void> {
    const partial = path.join(this.incoming, `${ref.id}.json`)
    await writeFileAtomically(partial, this.refPath(ref.id), JSON.stringify(ref))
  }

  // Two hex digits of the random id spread photos over 256 folders, so none grows huge.
  private imagePath(id: string): string {
    return path.join(this.dir, id.slice(3, 5), id)
  }

  private refPath(id: string): string {
    return `${this.imagePath(id)}.json`
  }
}

function requireImage(head: Buffer): PhotoContentType {
  const type = sniffImageType(head)
  if (type === undefined) throw unsupported('a file of another format (checked from its content, not its name)')
  return type
}

function unsupported(found: string): PhotoRejectedError {
  return new PhotoRejectedError('unsupported_type', `the photo must be a JPEG, PNG, WebP or HEIC image, not ${found}; send it in one of those formats`)
}

async function writeAll(file: FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await file.write(data, offset, data.length - offset)
    offset += bytesWritten
  }
}

async function writeFileAtomically(partial: string, target: string, text: string): Promise<void> {
  const file = await open(partial, 'w')
  try {
    await file.writeFile(text)
    await file.datasync()
  } finally {
    await file.close()
  }
  await rename(partial, target)
}

function formatMiB(bytes: number): string {
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
}
