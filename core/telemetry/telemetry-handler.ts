/** A telemetry publish the broker has authenticated and authorised, as the embedded ingest gets it. */
export interface IncomingTelemetry {
  topic: string
  clientId: string
  deviceId: string
  payload: Uint8Array
}

/** What became of a message: its readings are in InfluxDB, or it is kept as a dead letter. */
export type TelemetryOutcome = 'stored' | 'dead-lettered'

/**
 * The contract between the broker and an embedded ingest: resolves when the message is stored
 * or dead-lettered (then the broker acknowledges it); rejects when it is neither (then the
 * broker closes the connection unacknowledged and the device sends the message again).
 */
export type TelemetryHandler = (message: IncomingTelemetry) => Promise<TelemetryOutcome>
