import { Type } from '@sinclair/typebox'
import type { TSchema } from '@sinclair/typebox'
import { PHOTO_CONTENT_TYPES } from '../../core/photos/image-type.js'
import { PHOTO_ID_PATTERN } from '../../core/photos/photo-id.js'
import { IsoTime } from '../schemas.js'

export const PhotoId = Type.String({ pattern: PHOTO_ID_PATTERN, examples: ['ph_3f9c0a1b2c3d4e5f60718293a4b5c6d7'] })

export const PhotoRefSchema = Type.Object(
  {
    id: PhotoId,
    contentType: Type.String({ examples: ['image/jpeg'], description: 'Found from the bytes, whatever the upload declared' }),
    bytes: Type.Integer(),
    uploadedAt: IsoTime,
    uploadedBy: Type.String({ examples: ['li (engineer)'] }),
    caption: Type.Optional(Type.String())
  }
)

/**
 * Documents a multipart/form-data body in OpenAPI without Fastify validating it: the form is
 * streamed by readPhotoForm, which checks it as it reads, so Fastify sees no body (null) here.
 * `fields` are the text fields; the file field is always `photo`.
 */
export function multipartPhotoBody(fields: Record<string, TSchema>, photo: { required: boolean; description: string }, example: Record<string, string>) {
  const schema = {
    type: ['object', 'null'],
    examples: [{ photo: '(the image file)', ...example }],
    properties: {
      photo: { type: 'string', contentMediaType: PHOTO_CONTENT_TYPES.join(', '), description: photo.description },
      ...fields
    },
    ...(photo.required ? { required: ['photo'] } : {})
  }
  return { content: { 'multipart/form-data': { schema } } }
}
