import type { DeadLetterReason } from '../dead-letters/dead-letter-reason.js'

export const METRIC_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/

/** One timestamped set of readings. `metrics` is the parsed object, checked in place (no copy). */
export interface Reading {
  ts: number
  metrics: Record<string, number>
}

export type DecodeResult =
  | { ok: true; readings: Reading[] }
  | { ok: false; reason: DeadLetterReason; detail: string }

export interface DecodeLimits {
  /** Larger payloads are refused whole (DESIGN: 64 KiB by default). */
  maxPayloadBytes: number
  /** Readings older than this many milliseconds (the raw retention) are refused. */
  maxAgeMs: number
  /** Readings further ahead of the receiver's clock than this are refused (DESIGN: 5 minutes). */
  maxFutureMs: number
  maxReadingsPerMessage: number
  maxMetricsPerReading: number
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxPayloadBytes: 65_536,
  maxAgeMs: 30 * 86_400_000,
  maxFutureMs: 5 * 60_000,
  maxReadingsPerMessage: 10_000,
  maxMetricsPerReading: 256
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/

type Failure = Extract<DecodeResult, { ok: false }>

function fail(reason: DeadLetterReason, detail: string): Failure {
  return { ok: false, reason, detail }
}

/**
 * Decodes a telemetry payload (DESIGN.md): a single reading `{ts, seq?, metrics}` or a batch
 * `{readings: [...]}`. The whole message is refused when any part is wrong, with the field named,
 * so a device never has half a message stored and half dead-lettered.
 */
export function decodeTelemetry(payload: Uint8Array, nowMs: number, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodeResult {
  if (payload.byteLength > limits.maxPayloadBytes) {
    return fail('too_large', `payload is ${payload.byteLength} bytes; at most ${limits.maxPayloadBytes}`)
  }
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'))
  } catch (error) {
    return fail('bad_json', `payload is not JSON: ${(error as Error).message}`)
  }
  return decodeTelemetryValue(body, nowMs, limits)
}

/** The checks of decodeTelemetry on a payload that is already parsed (the rules engine's stored batches). */
export function decodeTelemetryValue(body: unknown, nowMs: number, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodeResult {
  if (!isObject(body)) return fail('bad_payload', 'payload must be a JSON object with ts and metrics, or readings')

  if (body.readings !== undefined) {
    const list = body.readings
    if (!Array.isArray(list) || list.length === 0) return fail('bad_payload', 'readings: expected a non-empty array')
    if (list.length > limits.maxReadingsPerMessage) {
      return fail('bad_payload', `readings: at most ${limits.maxReadingsPerMessage} per message, got ${list.length}`)
    }
    const readings: Reading[] = new Array<Reading>(list.length)
    for (let i = 0; i < list.length; i++) {
      const reading = checkReading(list[i], `readings[${i}].`, nowMs, limits)
      if ('ok' in reading) return reading
      readings[i] = reading
    }
    return { ok: true, readings }
  }
  const reading = checkReading(body, '', nowMs, limits)
  if ('ok' in reading) return reading
  return { ok: true, readings: [reading] }
}

function checkReading(value: unknown, at: string, nowMs: number, limits: DecodeLimits): Reading | Failure {
  if (!isObject(value)) return fail('bad_payload', `${at || 'payload'}: expected an object with ts and metrics`)
  const ts = parseTimestamp(value.ts)
  if (ts === undefined) {
    return fail('bad_payload', `${at}ts: expected epoch milliseconds or an ISO-8601 date-time, got ${describe(value.ts)}`)
  }
  if (ts > nowMs + limits.maxFutureMs) {
    return fail('ts_in_future', `${at}ts: ${new Date(ts).toISOString()} is more than ${limits.maxFutureMs / 1000} s ahead of the server clock`)
  }
  if (ts < nowMs - limits.maxAgeMs) {
    return fail('ts_too_old', `${at}ts: ${new Date(ts).toISOString()} is older than the raw retention`)
  }
  if (value.seq !== undefined && !(typeof value.seq === 'number' && Number.isSafeInteger(value.seq) && value.seq >= 0)) {
    return fail('bad_payload', `${at}seq: expected a non-negative integer, got ${describe(value.seq)}`)
  }
  const metrics = value.metrics
  if (!isObject(metrics)) return fail('bad_payload', `${at}metrics: expected an object of metric names to numbers`)
  let count = 0
  for (const name in metrics) {
    if (!METRIC_NAME_PATTERN.test(name)) {
      return fail('bad_metric', `${at}metrics.${name.slice(0, 80)}: metric names must match ${METRIC_NAME_PATTERN.source}`)
    }
    const metricValue = metrics[name]
    if (typeof metricValue !== 'number' || !Number.isFinite(metricValue)) {
      return fail('bad_metric', `${at}metrics.${name}: expected a finite number, got ${describe(metricValue)}`)
    }
    count++
  }
  if (count === 0) return fail('bad_payload', `${at}metrics: expected at least one metric`)
  if (count > limits.maxMetricsPerReading) {
    return fail('bad_payload', `${at}metrics: at most ${limits.maxMetricsPerReading} metrics per reading, got ${count}`)
  }
  return { ts, metrics: metrics as Record<string, number> }
}

function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined
  if (typeof value === 'string' && ISO_8601.test(value)) {
    const ms = Date.parse(value)
    return Number.isFinite(ms) ? ms : undefined
  }
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`
  if (typeof value === 'number') return String(value)
  return Array.isArray(value) ? 'an array' : typeof value
}
