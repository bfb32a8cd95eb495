import { describe, expect, it } from 'vitest'
import { DEFAULT_DECODE_LIMITS, decodeTelemetry } from '../../../core/telemetry/decode-telemetry.js'

const NOW = Date.parse('2026-11-30T12:00:00Z')
const decode = (body: unknown) => decodeTelemetry(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), NOW)

describe('decodeTelemetry', () => {
  it('accepts a single reading with epoch milliseconds', () => {
    expect(decode({ ts: NOW - 1000, seq: 42, metrics: { pressure_bar: 3.2, flow_m3h: 12.5 } })).toEqual({
      ok: true,
      readings: [{ ts: NOW - 1000, metrics: { pressure_bar: 3.2, flow_m3h: 12.5 } }]
    })
  })

  it('accepts ISO-8601 times, with offsets', () => {
    const result = decode({ ts: '2026-11-30T19:59:00+08:00', metrics: { a: 1 } })
    expect(result).toEqual({ ok: true, readings: [{ ts: Date.parse('2026-11-30T11:59:00Z'), metrics: { a: 1 } }] })
  })

  it('accepts a batch from a device that was offline', () => {
    const result = decode({ readings: [{ ts: NOW - 2000, metrics: { a: 1 } }, { ts: NOW - 1000, metrics: { a: 2 } }] })
    expect(result.ok && result.readings.map((r) => r.metrics.a)).toEqual([1, 2])
  })

  it.each([
    ['not JSON', '{"ts": 1,', 'bad_json', 'not JSON'],
    ['an array', '[1,2]', 'bad_payload', 'JSON object'],
    ['a missing ts', { metrics: { a: 1 } }, 'bad_payload', 'ts: expected'],
    ['a ts in seconds-like garbage', { ts: 'yesterday', metrics: { a: 1 } }, 'bad_payload', 'ts: expected'],
    ['a string metric', { ts: NOW, metrics: { pressure_bar: 'high' } }, 'bad_metric', 'metrics.pressure_bar: expected a finite number, got the string "high"'],
    ['a null metric', { ts: NOW, metrics: { a: null } }, 'bad_metric', 'metrics.a: expected a finite number'],
    ['a metric name with line-protocol characters', { ts: NOW, metrics: { 'a b=1,c': 1 } }, 'bad_metric', 'metric names must match'],
    ['a metric name in capitals', { ts: NOW, metrics: { Pressure: 1 } }, 'bad_metric', 'metrics.Pressure'],
    ['no metrics', { ts: NOW, metrics: {} }, 'bad_payload', 'at least one metric'],
    ['a negative seq', { ts: NOW, seq: -1, metrics: { a: 1 } }, 'bad_payload', 'seq'],
    ['a reading 6 minutes ahead', { ts: NOW + 6 * 60_000, metrics: { a: 1 } }, 'ts_in_future', 'ahead of the server clock'],
    ['a reading older than retention', { ts: NOW - 31 * 86_400_000, metrics: { a: 1 } }, 'ts_too_old', 'older than the raw retention'],
    ['an empty batch', { readings: [] }, 'bad_payload', 'readings'],
    ['a bad reading inside a batch', { readings: [{ ts: NOW, metrics: { a: 1 } }, { ts: NOW, metrics: { a: 'x' } }] }, 'bad_metric', 'readings[1].metrics.a']
  ])('refuses %s, naming the field', (_name, body, reason, detail) => {
    const result = decode(body)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toBe(reason)
    expect(result.detail).toContain(detail)
  })

  it('refuses non-finite numbers JSON can smuggle in (1e400 parses to Infinity)', () => {
    const result = decode('{"ts": ' + NOW + ', "metrics": {"a": 1e400}}')
    expect(result).toMatchObject({ ok: false, reason: 'bad_metric' })
  })

  it('refuses payloads over the size limit before parsing them', () => {
    const big = Buffer.alloc(DEFAULT_DECODE_LIMITS.maxPayloadBytes + 1, 0x20)
    expect(decodeTelemetry(big, NOW)).toMatchObject({ ok: false, reason: 'too_large' })
  })

  it('does not let __proto__ in a payload become a metric or pollute anything', () => {
    const result = decode('{"ts": ' + NOW + ', "metrics": {"__proto__": {"polluted": 1}, "a": 1}}')
    expect(result).toMatchObject({ ok: false, reason: 'bad_metric' })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
