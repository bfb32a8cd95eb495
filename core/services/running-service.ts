/** A Redis or InfluxDB the launcher found or started; `stop` is a no-op for one it did not start. */
export interface RunningService {
  url: string
  /** Process id of a server started on this machine (for measurements); undefined otherwise. */
  pid?: number
  stop(): Promise<void>
}
