/** Why a message was not stored. Stable codes: dashboards and tests match on them, not on prose. */
export const DEAD_LETTER_REASONS = [
  'bad_json',
  'bad_payload',
  'bad_metric',
  'ts_in_future',
  'ts_too_old',
  'unknown_device',
  'topic_mismatch',
  'not_authorized',
  'too_large',
  'write_rejected'
] as const
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number]
