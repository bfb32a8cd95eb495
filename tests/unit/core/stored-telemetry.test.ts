import { describe, expect, it } from 'vitest'
import { decodeStoredBatch, encodeStoredBatch, storedTelemetryTopic } from '../../../core/telemetry/stored-telemetry.js'

describe('stored-telemetry batches', () => {
  it('splices device payloads into one JSON array and reads them back', () => {
    const a = Buffer.from('{"ts":1,"metrics":{"a":1}}')
    const b = Buffer.from('{"readings":[{"ts":2,"metrics":{"b":2.5}}]}')
    const encoded = encodeStoredBatch([
      { deviceId: 'd-1', payload: a },
      { deviceId: 'd-2', payload: b }
    ])
    expect(JSON.parse(encoded.toString())).toEqual([
      { device: 'd-1', payload: { ts: 1, metrics: { a: 1 } } },
      { device: 'd-2', payload: { readings: [{ ts: 2, metrics: { b: 2.5 } }] } }
    ])
    expect(decodeStoredBatch(encoded)).toEqual([
      { deviceId: 'd-1', body: { ts: 1, metrics: { a: 1 } } },
      { deviceId: 'd-2', body: { readings: [{ ts: 2, metrics: { b: 2.5 } }] } }
    ])
  })

  it('encodes an empty batch as an empty array, and refuses what is not an array', () => {
    expect(encodeStoredBatch([]).toString()).toBe('[]')
    expect(() => decodeStoredBatch(Buffer.from('{}'))).toThrow(/expected a JSON array/)
  })

  it('has one topic per site', () => {
    expect(storedTelemetryTopic('harbour-view')).toBe('vigil/stored/harbour-view')
  })
})
