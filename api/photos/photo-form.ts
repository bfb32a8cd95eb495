import type { Readable } from 'node:stream'
import type { FastifyRequest } from 'fastify'
import type {} from '@fastify/multipart'
import type { PhotoRef } from '../../core/domain/work-order.js'
import { PhotoRejectedError } from '../../core/photos/photo-rejection.js'
import type { PhotoStore } from '../../core/photos/photo-store.js'
import { badRequest } from '../problem.js'
import { multipartProblem, photoProblem } from './photo-problem.js'

export interface PhotoFormOptions {
  photos: PhotoStore
  /** Who uploads, as the audit trail names people. */
  uploadedBy: string
  /** The text fields the form may carry, each with its longest length in characters. */
  fields: Readonly<Record<string, number>>
  /** The file field; default `photo`. */
  fileField?: string
}

export interface PhotoForm {
  fields: Map<string, string>
  /** Stored already; undefined when the form carried no file. */
  photo?: PhotoRef
}

/**
 * Reads a multipart/form-data request with at most one photo, streaming the photo straight into
 * the store. Unknown, repeated or too long fields are 400s naming them; a refused photo is a
 * 413 (naming the limit) or 415; in every case a photo already stored is deleted again.
 * Use it for work-order photos too (`fields: { caption: 200 }`).
 */
export async function readPhotoForm(request: FastifyRequest, options: PhotoFormOptions): Promise<PhotoForm> {
  const fileField = options.fileField ?? 'photo'
  if (!request.isMultipart()) throw multipartProblem({ code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' }) ?? badRequest('body', 'must be multipart/form-data')
  const fieldCount = Object.keys(options.fields).length
  const longest = Math.max(0, ...Object.values(options.fields))
  const fields = new Map<string, string>()
  let photo: PhotoRef | undefined
  try {
    const parts = request.parts({
      // One byte over the store's limit, so that the store itself sees the overflow and names the limit.
      limits: { fileSize: options.photos.maxBytes + 1, files: 1, fields: fieldCount, fieldSize: longest * 4 + 1, parts: fieldCount + 1 }
    })
    for await (const part of parts) {
      const field = `body.${part.fieldname}`
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          part.file.resume()
          throw badRequest(field, 'is not a known field')
        }
        // A file input left empty is sent as a part with no file name and no bytes.
        if (part.filename === '') {
          await drain(part.file)
          continue
        }
        photo = await options.photos.save(part.file, { uploadedBy: options.uploadedBy, declaredType: part.mimetype })
        continue
      }
      const limit = Object.hasOwn(options.fields, part.fieldname) ? options.fields[part.fieldname] : undefined
      if (limit === undefined) throw badRequest(field, 'is not a known field')
      if (fields.has(part.fieldname)) throw badRequest(field, 'is given more than once')
      const value = typeof part.value === 'string' ? part.value : JSON.stringify(part.value)
      if (part.valueTruncated || value.length > limit) throw badRequest(field, `must be at most ${limit} characters`)
      fields.set(part.fieldname, value)
    }
  } catch (error) {
    if (photo !== undefined) await options.photos.remove(photo.id)
    const photoField = `body.${fileField}`
    if (error instanceof PhotoRejectedError) throw photoProblem(error, photoField)
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw photoProblem(new PhotoRejectedError('too_large', `the photo is larger than the limit of ${options.photos.maxBytes} bytes; send a smaller one`, options.photos.maxBytes), photoField)
    }
    throw multipartProblem(error) ?? error
  }
  return photo === undefined ? { fields } : { fields, photo }
}

async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) {
    // discard
  }
}
