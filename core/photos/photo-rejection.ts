export type PhotoRejectionReason = 'too_large' | 'unsupported_type' | 'empty'

/** An upload the photo store refused; nothing of it is kept. The message says what to send instead. */
export class PhotoRejectedError extends Error {
  constructor(
    readonly reason: PhotoRejectionReason,
    message: string,
    /** For too_large: the limit, in bytes. */
    readonly limitBytes?: number
  ) {
    super(message)
    this.name = 'PhotoRejectedError'
  }
}
