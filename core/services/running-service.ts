/** A Redis or InfluxDB the launcher found or started; `stop` is a no-op for one it did not start. */
export interface RunningService {
  url: string
  stop(): Promise<void>
}
