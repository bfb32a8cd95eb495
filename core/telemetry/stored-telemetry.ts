/**
 * Telemetry that ingest has stored, republished in batches for the rules engine on
 * `vigil/stored/{siteId}`: one MQTT message per write batch and site instead of one per reading
 * (relaying every device message to the rules engine a second time cost the broker a third of
 * its throughput, bench:ingest). The rules engine thereby sees exactly what is in InfluxDB.
 *
 * Payload: a JSON array of `{"device": "<device id>", "payload": <the device's own JSON>}`.
 */
export const STORED_TELEMETRY_FILTER = 'vigil/stored/+'
export const STORED_TELEMETRY_PREFIX = 'vigil/stored/'

export function storedTelemetryTopic(siteId: string): string {
  return `${STORED_TELEMETRY_PREFIX}${siteId}`
}

export interface StoredMessage {
  deviceId: string
  /** The device's payload as received: valid JSON, since ingest decoded it before storing it. */
  payload: Uint8Array
}

const OPEN = Buffer.from('[')
const CLOSE = Buffer.from(']')
const CLOSE_OBJECT = Buffer.from('}')

/** Splices the device payloads into one JSON array without parsing or re-serialising them. */
export function encodeStoredBatch(messages: readonly StoredMessage[]): Buffer {
  const parts: Uint8Array[] = [OPEN]
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as StoredMessage
    // Device ids match ^[a-z0-9-]+$: nothing in them needs JSON escaping.
    parts.push(Buffer.from(`${i === 0 ? '' : ','}{"device":"${message.deviceId}","payload":`), message.payload, CLOSE_OBJECT)
  }
  parts.push(CLOSE)
  return Buffer.concat(parts)
}

export interface StoredEntry {
  deviceId: string
  /** The device's payload, parsed. */
  body: unknown
}

export function decodeStoredBatch(payload: Uint8Array): StoredEntry[] {
  const parsed: unknown = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'))
  if (!Array.isArray(parsed)) throw new Error('stored telemetry batch: expected a JSON array')
  const entries: StoredEntry[] = []
  for (const item of parsed as unknown[]) {
    if (typeof item !== 'object' || item === null) continue
    const { device, payload: body } = item as { device?: unknown; payload?: unknown }
    if (typeof device === 'string') entries.push({ deviceId: device, body })
  }
  return entries
}
