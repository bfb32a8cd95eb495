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

  /** Newest first. */
  async list(count = 100): Promise<StoredDeadLetter[]> {
    const entries = await this.redis.xrevrange(this.keys.deadLetters, '+', '-', 'COUNT', count)
    return entries.map(([id, fields]) => {
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
    })
  }

  /** Totals by reason across every process of the deployment. */
  async counts(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.deadLetterCounts)
    return Object.fromEntries(Object.entries(raw).map(([reason, n]) => [reason, Number(n)]))
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}
