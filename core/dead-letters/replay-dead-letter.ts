import { InfluxWriteError } from '../influx/influx-store.js'
import type { InfluxStore } from '../influx/influx-store.js'
import { encodeLine } from '../influx/line-protocol.js'
import type { DeviceDirectory } from '../registry/device-directory.js'
import { decodeTelemetry } from '../telemetry/decode-telemetry.js'
import type { DecodeLimits } from '../telemetry/decode-telemetry.js'
import { parseDeviceTopic } from '../telemetry/topics.js'
import { deadLetterPayload } from './dead-letter-store.js'
import type { StoredDeadLetter } from './dead-letter-store.js'

export type ReplayResult =
  | { outcome: 'stored'; points: number }
  | { outcome: 'refused'; reason: string; detail: string }

export interface ReplayDeps {
  directory: DeviceDirectory
  influx: InfluxStore
  limits: DecodeLimits
  now: () => number
}

/**
 * Runs a dead letter through ingest's checks again, after whatever made it fail was fixed (the
 * device registered, a field's type conflict resolved, a clock corrected), and stores it if it now
 * passes. A publish the broker refused (`not_authorized`) is never replayed: it would store data
 * the sender had no right to send.
 */
export async function replayDeadLetter(letter: StoredDeadLetter, deps: ReplayDeps): Promise<ReplayResult> {
  if (letter.reason === 'not_authorized') {
    return { outcome: 'refused', reason: 'not_replayable', detail: `${letter.clientId} was not allowed to publish to ${letter.topic}; replaying it would store forged data` }
  }
  const topic = parseDeviceTopic(letter.topic)
  if (topic === undefined || topic.rest !== 'telemetry') return { outcome: 'refused', reason: 'topic_mismatch', detail: `not a telemetry topic: ${letter.topic}` }
  const device = await deps.directory.resolve(topic.deviceId)
  if (device === undefined) return { outcome: 'refused', reason: 'unknown_device', detail: `device ${topic.deviceId} is not in the registry` }
  if (device.telemetryTopic !== letter.topic) {
    return { outcome: 'refused', reason: 'topic_mismatch', detail: `device ${device.device.id} is registered at ${device.telemetryTopic}, not ${letter.topic}` }
  }
  const decoded = decodeTelemetry(deadLetterPayload(letter), deps.now(), deps.limits)
  if (!decoded.ok) return { outcome: 'refused', reason: decoded.reason, detail: decoded.detail }
  const lines = decoded.readings.map((reading) => encodeLine(device.telemetrySeriesKey, reading.metrics, reading.ts))
  try {
    await deps.influx.writeLines(lines)
  } catch (error) {
    if (error instanceof InfluxWriteError && error.permanent) return { outcome: 'refused', reason: 'write_rejected', detail: error.message }
    throw error
  }
  return { outcome: 'stored', points: lines.length }
}
