import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import { deviceTopic } from '../core/telemetry/topics.js'

export interface LoadDevice {
  id: string
  siteId: string
  password: string
}

export interface LoadOptions {
  brokerUrl: string
  devices: readonly LoadDevice[]
  durationMs: number
  /**
   * `rate`: each device publishes `messagesPerSecond` (open loop, the offered load is fixed).
   * `window`: each device keeps `window` messages unacknowledged at all times (closed loop: as
   * fast as the system acknowledges, which finds its limit).
   */
  mode: { kind: 'rate'; messagesPerSecond: number } | { kind: 'window'; window: number }
  /** Readings in one message (1: `{ts, seq, metrics}`; more: `{readings: [...]}`). */
  readingsPerMessage?: number
  /** Topic a device publishes to; default its telemetry topic. */
  topicOf?: (device: LoadDevice) => string
  /** Time in ms between connecting two devices (spreads scrypt checks); default 0. */
  connectSpacingMs?: number
  /**
   * Like a real device through outages (fault drills): a persistent session, reconnecting every
   * `reconnectPeriodMs`, resending what was not acknowledged. Default: neither.
   */
  resilient?: { reconnectPeriodMs: number }
  /** Also send each reading's seq as a metric named `seq`, so a reader can tell which readings were stored. */
  stampSeq?: boolean
  /** After the run, how long to wait for outstanding acknowledgements; default 30 s. */
  drainTimeoutMs?: number
}

export interface LoadResult {
  devices: number
  messagesSent: number
  messagesAcked: number
  readingsAcked: number
  /** From the first publish to the last acknowledgement, ms. */
  elapsedMs: number
  /** Publish-to-PUBACK latency of every acknowledged message, ms. */
  latenciesMs: Float64Array
  /** Highest seq acknowledged per device (seq starts at 0, one per reading). */
  lastSeq: Map<string, number>
  /** Readings published per device (seq 0 .. count-1). */
  readingsSent: Map<string, number>
}

/** The six pump metrics of the catalogue, with steady healthy values, so the load trips no rule. */
const METRICS = ['outlet_pressure_bar', 'flow_m3h', 'motor_current_a', 'bearing_temp_c', 'vibration_mm_s', 'running'] as const
const BASE = [3.8, 40, 29, 52, 2.3, 1] as const

/**
 * Drives a broker with many devices publishing QoS 1 telemetry and measures what comes back:
 * each device is its own MQTT connection with its own credentials, timestamps are unique per
 * device (device time), and `seq` numbers every reading so a reader can count what was stored.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const perMessage = options.readingsPerMessage ?? 1
  const clients: { device: LoadDevice; client: MqttClient; topic: string; seq: number; lastTs: number; inFlight: number }[] = []
  for (const device of options.devices) {
    const client = mqtt.connect(options.brokerUrl, {
      clientId: device.id,
      username: device.id,
      password: device.password,
      clean: options.resilient === undefined,
      protocolVersion: 4,
      reconnectPeriod: options.resilient?.reconnectPeriodMs ?? 0,
      keepalive: 60
    })
    clients.push({ device, client, topic: options.topicOf?.(device) ?? deviceTopic(device.siteId, device.id, 'telemetry'), seq: 0, lastTs: 0, inFlight: 0 })
    if ((options.connectSpacingMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, options.connectSpacingMs))
  }
  await Promise.all(
    clients.map(
      ({ client, device }) =>
        new Promise<void>((resolve, reject) => {
          client.once('connect', () => resolve())
          client.once('error', (error) => reject(new Error(`${device.id}: ${error.message}`)))
          client.on('error', () => undefined)
        })
    )
  )

  const latencies: number[] = []
  const lastSeq = new Map<string, number>()
  let sent = 0
  let acked = 0
  let stopped = false
  let lastAckAt = 0
  const startedAt = performance.now()

  const publish = (entry: (typeof clients)[number]): void => {
    const readings: string[] = []
    for (let r = 0; r < perMessage; r++) {
      const ts = Math.max(Date.now(), entry.lastTs + 1)
      entry.lastTs = ts
      let metrics = ''
      for (let m = 0; m < METRICS.length; m++) {
        const value = m === 5 ? 1 : Math.round((BASE[m] as number) * (1 + 0.01 * Math.sin(entry.seq + m)) * 1000) / 1000
        metrics += `${m === 0 ? '' : ','}"${METRICS[m]}":${value}`
      }
      if (options.stampSeq === true) metrics += `,"seq":${entry.seq}`
      readings.push(`{"ts":${ts},"seq":${entry.seq++},"metrics":{${metrics}}}`)
    }
    const payload = perMessage === 1 ? (readings[0] as string) : `{"readings":[${readings.join(',')}]}`
    const lastSeqOfMessage = entry.seq - 1
    const at = performance.now()
    sent++
    entry.inFlight++
    entry.client.publish(entry.topic, payload, { qos: 1 }, (error) => {
      entry.inFlight--
      if (error) return
      const now = performance.now()
      latencies.push(now - at)
      acked++
      lastAckAt = now
      if ((lastSeq.get(entry.device.id) ?? -1) < lastSeqOfMessage) lastSeq.set(entry.device.id, lastSeqOfMessage)
      if (!stopped && options.mode.kind === 'window') publish(entry)
    })
  }

  if (options.mode.kind === 'window') {
    for (const entry of clients) for (let i = 0; i < options.mode.window; i++) publish(entry)
    await new Promise((resolve) => setTimeout(resolve, options.durationMs))
  } else {
    const rate = options.mode.messagesPerSecond
    const ticker = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) / 1000) * rate)
      for (const entry of clients) {
        const sentByDevice = entry.seq / perMessage
        for (let i = sentByDevice; i < due; i++) publish(entry)
      }
    }, 5)
    await new Promise((resolve) => setTimeout(resolve, options.durationMs))
    clearInterval(ticker)
  }
  stopped = true
  // Let what is in flight be acknowledged (bounded).
  const drainUntil = performance.now() + (options.drainTimeoutMs ?? 30_000)
  while (clients.some((c) => c.inFlight > 0) && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20))
  await Promise.all(clients.map(({ client }) => client.endAsync(true)))

  return {
    devices: clients.length,
    messagesSent: sent,
    messagesAcked: acked,
    readingsAcked: acked * perMessage,
    elapsedMs: lastAckAt - startedAt,
    latenciesMs: Float64Array.from(latencies),
    lastSeq,
    readingsSent: new Map(clients.map((c) => [c.device.id, c.seq]))
  }
}

/** The q-quantile (0..1) of `values`, which it sorts in place. */
export function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN
  values.sort()
  return values[Math.min(values.length - 1, Math.floor(q * values.length))] as number
}
