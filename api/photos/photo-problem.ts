import { PhotoRejectedError } from '../../core/photos/photo-rejection.js'
import { ProblemError, badRequest } from '../problem.js'

/** Problem types of refused uploads (alongside api/problem.ts's catalogue). */
export const UPLOAD_PROBLEM_TYPES = {
  tooLarge: 'urn:vigil:problem:too-large',
  unsupportedMediaType: 'urn:vigil:problem:unsupported-media-type'
} as const

/** A refused photo as the problem to answer: 413 naming the limit, 415 naming the formats, 400 for an empty file. */
export function photoProblem(error: PhotoRejectedError, field: string): ProblemError {
  switch (error.reason) {
    case 'too_large':
      return new ProblemError({
        type: UPLOAD_PROBLEM_TYPES.tooLarge,
        title: 'Photo too large',
        status: 413,
        detail: `${field}: ${error.message}`,
        errors: [{ field, message: error.message }]
      })
    case 'unsupported_type':
      return new ProblemError({
        type: UPLOAD_PROBLEM_TYPES.unsupportedMediaType,
        title: 'Photo format not accepted',
        status: 415,
        detail: `${field}: ${error.message}`,
        errors: [{ field, message: error.message }]
      })
    case 'empty':
      return badRequest(field, error.message)
  }
}

/** An upload refused by the multipart parser's own limits (parts, fields, files) or a malformed body. */
export function multipartProblem(error: unknown): ProblemError | undefined {
  if (error instanceof PhotoRejectedError || error instanceof ProblemError) return undefined
  const { code, statusCode } = error as { code?: string; statusCode?: number }
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined
  switch (code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ProblemError({ type: UPLOAD_PROBLEM_TYPES.unsupportedMediaType, title: 'Send a form', status: 415, detail: 'body: send multipart/form-data (an HTML form with enctype="multipart/form-data")', errors: [{ field: 'body', message: 'must be multipart/form-data' }] })
    case 'FST_FILES_LIMIT':
      return badRequest('body.photo', 'send one photo per request')
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return badRequest('body', 'the form has more fields than this request takes')
    case 'FST_REQ_FILE_TOO_LARGE':
      return undefined
    default:
      return statusCode !== undefined && statusCode < 500 ? badRequest('body', 'the form could not be read (malformed multipart body); send it again') : undefined
  }
}
