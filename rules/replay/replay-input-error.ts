/**
 * A mistake in what a replay was given — its arguments, the CSV (the message names the file and
 * line), the equipment type asked for — as opposed to a bug. The command prints the message
 * alone and exits 2.
 */
export class ReplayInputError extends Error {
  override readonly name = 'ReplayInputError'
}
