import type { VigilMetrics } from '../metrics/vigil-metrics.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { DeadLetterReason } from './dead-letter-reason.js'

export interface DeadLetter {
  reason: DeadLetterReason
  /** What was wrong, naming the field ("metrics.pressure_bar: expected a finite number ..."). */
  detail: string
  topic: string
  /** The sender: an authenticated device or client id. */
  clientId: string
  payload: Uint8Array
}

export interface StoredDeadLetter {
  id: string
  reason: string
  detail: string
  topic: string
  clientId: string
  receivedAt: string
  /** The payload as received: UTF-8 text, or base64 when it was not valid UTF-8. */
  payload: string
  payloadEncoding: 'utf8' | 'base64'
}

/**
 * Rejected messages, kept whole with their reason in a capped Redis stream (oldest trimmed
 * first), and counted by reason. A message is acknowledged only once its dead letter is stored.
 */
export class DeadLetterStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly maxLen: number,
    private readonly metrics?: VigilMetrics
  ) {}

  async record(letter: DeadLetter): Promise<void> {
    const text = decodeUtf8(letter.payload)
    await this.redis
      .multi()
      .xadd(
        this.keys.deadLetters,
        'MAXLEN',
        '~',
        this.maxLen,
        '*',
        'reason', letter.reason,
        'detail', letter.detail,
        'topic', letter.topic,
        'clientId', letter.clientId,
        'receivedAt', new Date().toISOString(),
        'payloadEncoding', text === undefined ? 'base64' : 'utf8',
        'payload', text ?? Buffer.from(letter.payload).toString('base64')
      )
      .hincrby(this.keys.deadLetterCounts, letter.reason, 1)
      .exec()
    this.metrics?.ingest.deadLetters.inc({ reason: letter.reason })
  }

  /** Newest first; `before` (an id) pages back, `reason` filters. */
  async list(options: { count?: number; before?: string | undefined; reason?: string | undefined } = {}): Promise<StoredDeadLetter[]> {
    const count = options.count ?? 100
    const result: StoredDeadLetter[] = []
    let end = options.before === undefined ? '+' : `(${options.before}`
    while (result.length < count) {
      const entries = await this.redis.xrevrange(this.keys.deadLetters, end, '-', 'COUNT', Math.max(count, 200))
      if (entries.length === 0) break
      for (const entry of entries) {
        const letter = toStoredDeadLetter(entry)
        if (options.reason === undefined || letter.reason === options.reason) result.push(letter)
        if (result.length === count) break
      }
      end = `(${(entries.at(-1) as [string, string[]])[0]}`
    }
    return result
  }

  async get(id: string): Promise<StoredDeadLetter | undefined> {
    const [entry] = await this.redis.xrange(this.keys.deadLetters, id, id)
    return entry === undefined ? undefined : toStoredDeadLetter(entry)
  }

  /** Takes a replayed letter out of the stream and counts it as replayed. */
  async markReplayed(id: string): Promise<void> {
    await this.redis.multi().xdel(this.keys.deadLetters, id).hincrby(this.keys.deadLetterCounts, 'replayed', 1).exec()
  }

  /** Totals by reason across every process of the deployment. */
  async counts(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.deadLetterCounts)
    return Object.fromEntries(Object.entries(raw).map(([reason, n]) => [reason, Number(n)]))
  }
}

function toStoredDeadLetter([id, fields]: [string, string[]]): StoredDeadLetter {
  const record: Record<string, string> = Object.create(null) as Record<string, string>
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i] as string] = fields[i + 1] as string
  return {
    id,
    reason: record.reason ?? '',
    detail: record.detail ?? '',
    topic: record.topic ?? '',
    clientId: record.clientId ?? '',
    receivedAt: record.receivedAt ?? '',
    payload: record.payload ?? '',
    payloadEncoding: record.payloadEncoding === 'base64' ? 'base64' : 'utf8'
  }
}

/** The payload bytes as received. */
export function deadLetterPayload(letter: StoredDeadLetter): Buffer {
  return Buffer.from(letter.payload, letter.payloadEncoding === 'base64' ? 'base64' : 'utf8')
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}
