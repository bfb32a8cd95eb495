import { setTimeout as sleep } from 'node:timers/promises'
import type { DeadLetter } from '../core/dead-letters/dead-letter-store.js'
import type { DeadLetterReason } from '../core/dead-letters/dead-letter-reason.js'
import { isKnownMetric } from '../core/domain/metric-catalog.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import { createMetrics } from '../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'
import { encodeLine } from '../core/influx/line-protocol.js'
import type { Logger } from '../core/logger.js'
import type { DeviceContext } from '../core/registry/device-directory.js'
import { DEFAULT_DECODE_LIMITS, decodeTelemetry } from '../core/telemetry/decode-telemetry.js'
import type { TelemetryOutcome } from '../core/telemetry/telemetry-handler.js'
import type { DecodeLimits } from '../core/telemetry/decode-telemetry.js'
import { writeFindingBadLines } from './find-bad-lines.js'
import { retryDelayMs } from './retry-delay.js'

export interface IngestOptions {
  /** A batch closes once it holds this many points... */
  batchMaxPoints: number
  /**
   * ...or this many milliseconds after its first point arrived, whichever comes first; and at
   * once when a writer is free (group commit), so under light load nothing waits out the age.
   */
  batchMaxAgeMs: number
  /** First retry of a failed write waits up to this many milliseconds; each next one doubles. */
  retryBaseMs: number
  retryMaxDelayMs: number
  /** Batches written at the same time. */
  maxConcurrentWrites: number
  /**
   * Bound of points accepted and not yet stored. At the bound, accept() holds new messages back
   * (under the embedded ingest: no PUBACK, and aedes reads no more from that device's socket)
   * until the backlog is below 90 % of it: memory stays bounded when InfluxDB is slow or down,
   * and devices keep what they could not deliver.
   */
  maxPendingPoints: number
  decodeLimits: DecodeLimits
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  batchMaxPoints: 5000,
  batchMaxAgeMs: 100,
  retryBaseMs: 100,
  retryMaxDelayMs: 10_000,
  maxConcurrentWrites: 2,
  maxPendingPoints: 200_000,
  decodeLimits: DEFAULT_DECODE_LIMITS
}

export interface TelemetryMessage {
  topic: string
  clientId: string
  payload: Uint8Array
  device: DeviceContext
}

/** Where refused messages go; `record` resolves once the dead letter is durable. */
export interface DeadLetterSink {
  record(letter: DeadLetter): Promise<void>
}

/** Told which minutes received stored readings, so their rollups get (re)computed. */
export interface StoredMinutesSink {
  mark(minuteStarts: Iterable<number>): Promise<void>
}

/**
 * Told, per stored batch, which devices had a message stored and when (ingest's clock), so the
 * heartbeat monitor can tell a silent sensor from a talking one across restarts.
 */
export interface LastSeenSink {
  record(deviceIds: Iterable<string>, storedAtMs: number): Promise<void>
}

/** Where counts of metrics outside the catalog go ("stored but flagged"). */
export interface UnknownMetricSink {
  count(counts: ReadonlyMap<string, number>): Promise<void>
}

export interface IngestDeps {
  influx: InfluxStore
  deadLetters: DeadLetterSink
  unknownMetrics?: UnknownMetricSink
  storedMinutes?: StoredMinutesSink
  lastSeen?: LastSeenSink
  metrics?: VigilMetrics
  logger: Logger
  options?: Partial<IngestOptions>
  now?: () => number
}

export interface IngestStats {
  messagesAccepted: number
  messagesStored: number
  messagesDeadLettered: number
  pointsWritten: number
  batchesWritten: number
  writeRetries: number
  pendingMessages: number
  pendingPoints: number
  /** Times the pending-points bound was reached. */
  backpressureEvents: number
}

/** Thrown to messages that were not stored because ingest is shutting down: do not acknowledge them. */
export class IngestStoppedError extends Error {
  constructor() {
    super('ingest is stopping: message not stored, not acknowledged (the sender will send it again)')
    this.name = 'IngestStoppedError'
  }
}

interface Owner {
  message: TelemetryMessage
  /** performance.now() when accepted. */
  acceptedAt: number
  /** Device time of its newest reading. */
  newestTs: number
  firstLine: number
  lineCount: number
  resolve: (outcome: TelemetryOutcome) => void
  reject: (error: Error) => void
}

interface Batch {
  lines: string[]
  owners: Owner[]
  /** Start (ms) of every minute a reading of this batch falls in. */
  minutes: Set<number>
  /** Settles when the batch opened before this one has settled its messages. */
  prior: Promise<void>
  /** Marks this batch's messages settled (resolved or rejected). */
  settled: () => void
}

/**
 * Telemetry from decode to durable storage. `accept` resolves only when the message's readings
 * are written to InfluxDB (a 2xx) or the message is dead-lettered — never on "queued" — so its
 * caller can hold the MQTT acknowledgement until then. Readings from many messages share one
 * write; a batch closes on size or age. When InfluxDB is down, writes are retried with backoff
 * and jitter while the messages stay unacknowledged.
 */
export class IngestPipeline {
  private readonly options: IngestOptions
  private readonly now: () => number
  private current: Batch | undefined
  private timer: NodeJS.Timeout | undefined
  private immediate: NodeJS.Immediate | undefined
  /**
   * Settles when the newest batch has settled. Messages are acknowledged in the order they were
   * accepted, whichever of two concurrent writes finishes first: MQTT 3.1.1 requires PUBACKs in
   * the order of the PUBLISHes [MQTT-4.6.0-2], and the rules engine needs each device's
   * readings in order.
   */
  private tail: Promise<void> = Promise.resolve()
  private readonly ready: Batch[] = []
  private writing = 0
  private stopping = false
  private readonly abort = new AbortController()
  private drained: (() => void) | undefined
  private readonly unknown = new Map<string, number>()
  private readonly warnedUnknown = new Set<string>()
  private readonly metrics: VigilMetrics['ingest']
  /** Resolves when the backlog is below the low-water mark again; set while at the bound. */
  private room: { promise: Promise<void>; resolve: () => void } | undefined
  readonly stats: IngestStats = {
    messagesAccepted: 0,
    messagesStored: 0,
    messagesDeadLettered: 0,
    pointsWritten: 0,
    batchesWritten: 0,
    writeRetries: 0,
    pendingMessages: 0,
    pendingPoints: 0,
    backpressureEvents: 0
  }

  constructor(private readonly deps: IngestDeps) {
    this.options = { ...DEFAULT_INGEST_OPTIONS, ...deps.options }
    this.now = deps.now ?? Date.now
    this.metrics = (deps.metrics ?? createMetrics('ingest')).ingest
  }

  accept(message: TelemetryMessage): Promise<TelemetryOutcome> {
    if (this.stopping) return Promise.reject(new IngestStoppedError())
    if (this.room !== undefined) return this.room.promise.then(() => this.accept(message))
    const acceptedAt = performance.now()
    this.stats.messagesAccepted++
    this.metrics.received.inc()
    const decoded = decodeTelemetry(message.payload, this.now(), this.options.decodeLimits)
    if (!decoded.ok) return this.deadLetter(message, decoded.reason, decoded.detail)

    return new Promise<TelemetryOutcome>((resolve, reject) => {
      const batch = this.current ?? this.openBatch()
      const { equipment, telemetrySeriesKey } = message.device
      const firstLine = batch.lines.length
      let newestTs = 0
      for (const reading of decoded.readings) {
        batch.lines.push(encodeLine(telemetrySeriesKey, reading.metrics, reading.ts))
        batch.minutes.add(reading.ts - (reading.ts % 60_000))
        if (reading.ts > newestTs) newestTs = reading.ts
        for (const metric in reading.metrics) {
          if (!isKnownMetric(equipment.type, metric)) this.noteUnknown(message, metric)
        }
      }
      const lineCount = batch.lines.length - firstLine
      batch.owners.push({ message, acceptedAt, newestTs, firstLine, lineCount, resolve, reject })
      this.addPending(1, lineCount)
      if (batch.lines.length >= this.options.batchMaxPoints) this.seal()
    })
  }

  private addPending(messages: number, points: number): void {
    this.stats.pendingMessages += messages
    this.stats.pendingPoints += points
    this.metrics.pendingPoints.set(this.stats.pendingPoints)
    if (points > 0 && this.room === undefined && this.stats.pendingPoints >= this.options.maxPendingPoints) {
      let resolve = (): void => undefined
      const promise = new Promise<void>((done) => {
        resolve = done
      })
      this.room = { promise, resolve }
      this.stats.backpressureEvents++
      this.metrics.backpressure.set(1)
      this.metrics.backpressureEvents.inc()
      this.deps.logger.warn({ pendingPoints: this.stats.pendingPoints, bound: this.options.maxPendingPoints }, 'ingest backlog at its bound: holding new messages back (not acknowledged) until InfluxDB catches up')
    } else if (points < 0 && this.room !== undefined && this.stats.pendingPoints < 0.9 * this.options.maxPendingPoints) {
      const { resolve } = this.room
      this.room = undefined
      this.metrics.backpressure.set(0)
      this.deps.logger.warn({ pendingPoints: this.stats.pendingPoints }, 'ingest backlog below its bound again: taking new messages')
      resolve()
    }
  }

  /** Write what is batched now instead of waiting for the batch to fill or age. */
  flushNow(): void {
    if (this.current !== undefined) this.seal()
  }

  /**
   * Stops taking messages and writes what it holds. Messages still unwritten after `timeoutMs`
   * (InfluxDB down) are rejected with IngestStoppedError, so they are not acknowledged.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    this.stopping = true
    this.flushNow()
    if (this.writing === 0 && this.ready.length === 0) return
    const drained = new Promise<void>((resolve) => {
      this.drained = resolve
    })
    const timer = setTimeout(() => this.abort.abort(), timeoutMs)
    await drained
    clearTimeout(timer)
  }

  private openBatch(): Batch {
    let settled = (): void => undefined
    const done = new Promise<void>((resolve) => {
      settled = resolve
    })
    const batch: Batch = { lines: [], owners: [], minutes: new Set(), prior: this.tail, settled }
    this.tail = done
    this.current = batch
    this.timer = setTimeout(() => this.seal(), this.options.batchMaxAgeMs)
    this.sealWhenWriterFree()
    return batch
  }

  /**
   * Group commit: while a writer is free, the batch closes at the end of this turn of the event
   * loop (with whatever the socket reads of this turn brought), instead of waiting out its age.
   * Under load both writers are busy, so batches grow until one frees, up to size or age.
   */
  private sealWhenWriterFree(): void {
    if (this.immediate !== undefined || this.current === undefined || this.writing >= this.options.maxConcurrentWrites) return
    this.immediate = setImmediate(() => {
      this.immediate = undefined
      if (this.writing < this.options.maxConcurrentWrites) this.seal()
    })
  }

  private seal(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.current === undefined) return
    this.ready.push(this.current)
    this.current = undefined
    this.pump()
  }

  private pump(): void {
    while (this.writing < this.options.maxConcurrentWrites && this.ready.length > 0) {
      const batch = this.ready.shift() as Batch
      this.writing++
      void this.write(batch).finally(() => {
        this.writing--
        this.pump()
        this.sealWhenWriterFree()
        if (this.writing === 0 && this.ready.length === 0) this.drained?.()
      })
    }
  }

  /** Never rejects: every owner of the batch is settled one way or the other. */
  private async write(batch: Batch): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const startedAt = performance.now()
        const rejected = await writeFindingBadLines(this.deps.influx, batch.lines)
        this.stats.batchesWritten++
        this.stats.pointsWritten += batch.lines.length - rejected.length
        this.metrics.pointsWritten.inc(batch.lines.length - rejected.length)
        this.metrics.batchPoints.observe(batch.lines.length)
        if (rejected.length === 0) this.metrics.writeSeconds.observe((performance.now() - startedAt) / 1000)
        else this.metrics.writeErrors.inc({ kind: 'refused' })
        await batch.prior
        await this.settle(batch, rejected)
        batch.settled()
        return
      } catch (error) {
        if (this.abort.signal.aborted) return this.fail(batch, new IngestStoppedError())
        this.stats.writeRetries++
        this.metrics.writeErrors.inc({ kind: 'transient' })
        const delay = retryDelayMs(attempt, this.options.retryBaseMs, this.options.retryMaxDelayMs)
        this.deps.logger.warn({ err: error, points: batch.lines.length, attempt, retryInMs: delay }, 'InfluxDB write failed; holding acknowledgements and retrying')
        await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => undefined)
        if (this.abort.signal.aborted) return this.fail(batch, new IngestStoppedError())
      }
    }
  }

  private async settle(batch: Batch, rejected: readonly { index: number; reason: string }[]): Promise<void> {
    const refusedLines = new Map<Owner, string[]>()
    for (const line of rejected) {
      const owner = ownerOfLine(batch.owners, line.index)
      const reasons = refusedLines.get(owner) ?? []
      reasons.push(`${line.reason} [line: ${batch.lines[line.index] ?? ''}]`)
      refusedLines.set(owner, reasons)
    }
    const unrecorded = new Map<Owner, Error>()
    for (const [owner, reasons] of refusedLines) {
      try {
        await this.deps.deadLetters.record({
          reason: 'write_rejected',
          detail: `${reasons.length} of ${owner.lineCount} readings refused by InfluxDB: ${reasons.join('; ')}`.slice(0, 4000),
          topic: owner.message.topic,
          clientId: owner.message.clientId,
          payload: owner.message.payload
        })
        this.stats.messagesDeadLettered++
      } catch (error) {
        unrecorded.set(owner, error as Error)
      }
    }
    const now = performance.now()
    const wallNow = this.now()
    const seen = new Set<string>()
    for (const owner of batch.owners) {
      const error = unrecorded.get(owner)
      if (error !== undefined) {
        owner.reject(error)
        continue
      }
      if (refusedLines.has(owner)) {
        this.metrics.messages.inc({ outcome: 'dead_lettered' })
        owner.resolve('dead-lettered')
        continue
      }
      this.stats.messagesStored++
      this.metrics.messages.inc({ outcome: 'stored' })
      this.metrics.receivedToStoredSeconds.observe((now - owner.acceptedAt) / 1000)
      this.metrics.deviceToStoredSeconds.observe(Math.max(0, wallNow - owner.newestTs) / 1000)
      seen.add(owner.message.device.device.id)
      owner.resolve('stored')
    }
    this.addPending(-batch.owners.length, -batch.lines.length)
    this.flushUnknownCounts()
    if (this.deps.storedMinutes !== undefined && batch.minutes.size > 0) {
      void this.deps.storedMinutes.mark(batch.minutes).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not mark minutes for rollups'))
    }
    if (this.deps.lastSeen !== undefined && seen.size > 0) {
      void this.deps.lastSeen.record(seen, wallNow).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not record when devices were last seen'))
    }
  }

  private fail(batch: Batch, error: Error): void {
    for (const owner of batch.owners) owner.reject(error)
    this.addPending(-batch.owners.length, -batch.lines.length)
    batch.settled()
  }

  private async deadLetter(message: TelemetryMessage, reason: DeadLetterReason, detail: string): Promise<TelemetryOutcome> {
    // Answered after the messages accepted before it, like every other message.
    const prior = this.tail
    await this.deps.deadLetters.record({ reason, detail, topic: message.topic, clientId: message.clientId, payload: message.payload })
    await prior
    this.stats.messagesDeadLettered++
    this.metrics.messages.inc({ outcome: 'dead_lettered' })
    return 'dead-lettered'
  }

  private noteUnknown(message: TelemetryMessage, metric: string): void {
    const key = `${message.device.equipment.type}:${metric}`
    this.unknown.set(key, (this.unknown.get(key) ?? 0) + 1)
    if (!this.warnedUnknown.has(key)) {
      this.warnedUnknown.add(key)
      this.deps.logger.warn({ device: message.device.device.id, metric }, 'metric not in the catalogue for this equipment type: stored and counted as unknown')
    }
  }

  private flushUnknownCounts(): void {
    if (this.unknown.size === 0 || this.deps.unknownMetrics === undefined) return
    const counts = new Map(this.unknown)
    this.unknown.clear()
    void this.deps.unknownMetrics.count(counts).catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'could not record unknown-metric counts')
    })
  }
}

/** Owners are in line order; find the one whose range holds `index`. */
function ownerOfLine(owners: readonly Owner[], index: number): Owner {
  let low = 0
  let high = owners.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if ((owners[middle] as Owner).firstLine <= index) low = middle
    else high = middle - 1
  }
  return owners[low] as Owner
}
