import { encodeStoredBatch, storedTelemetryTopic } from '../core/telemetry/stored-telemetry.js'
import type { StoredMessage } from '../core/telemetry/stored-telemetry.js'

/** Messages per republished batch, so one batch stays well under a megabyte. */
const MAX_PER_BATCH = 1000

/**
 * Collects the telemetry messages the embedded ingest stored during one turn of the event loop
 * (one write batch settles in one turn) and republishes them per site as one message on
 * `vigil/stored/{siteId}` for the rules engine.
 */
export class StoredTelemetryForwarder {
  private pending = new Map<string, StoredMessage[]>()
  private scheduled = false

  constructor(private readonly publish: (topic: string, payload: Buffer) => void) {}

  add(siteId: string, deviceId: string, payload: Uint8Array): void {
    let messages = this.pending.get(siteId)
    if (messages === undefined) {
      messages = []
      this.pending.set(siteId, messages)
    }
    messages.push({ deviceId, payload })
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }

  flush(): void {
    this.scheduled = false
    const pending = this.pending
    this.pending = new Map()
    for (const [siteId, messages] of pending) {
      for (let start = 0; start < messages.length; start += MAX_PER_BATCH) {
        this.publish(storedTelemetryTopic(siteId), encodeStoredBatch(messages.slice(start, start + MAX_PER_BATCH)))
      }
    }
  }
}
