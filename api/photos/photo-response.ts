import type { FastifyReply } from 'fastify'
import type { PhotoStore } from '../../core/photos/photo-store.js'
import { notFound } from '../problem.js'

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic' }

/**
 * Sends a stored photo. The caller has already decided that the requester may see the work order
 * or request that holds it (and that the photo is one of that record's): this only serves bytes,
 * with the type found from their content and headers that keep a browser from running them.
 */
export async function photoResponse(reply: FastifyReply, photos: PhotoStore, photoId: string): Promise<FastifyReply> {
  const photo = await photos.open(photoId)
  if (photo === undefined) throw notFound(`photo ${photoId}`)
  const { ref } = photo
  return reply
    .type(ref.contentType)
    .header('content-length', ref.bytes)
    .header('content-disposition', `inline; filename="${ref.id}.${EXTENSIONS[ref.contentType] ?? 'bin'}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=86400, immutable')
    .send(photo.stream)
}
