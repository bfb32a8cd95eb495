import { describe, expect, it } from 'vitest'
import type { InfluxStore } from '../../../core/influx/influx-store.js'
import type { DeviceContext } from '../../../core/registry/device-directory.js'
import { IngestPipeline } from '../../../ingest/ingest-pipeline.js'
import { testLogger } from '../../helpers/test-logger.js'

/** A stand-in InfluxDB whose writes finish when the test says so (order logic only; real writes are in tests/integration/ingest). */
function controllableInflux() {
  const pending: { lines: readonly string[]; finish: () => void }[] = []
  const store: InfluxStore = {
    version: 1,
    serverVersion: '1.6.7',
    database: 'x',
    writeLines: (lines) => new Promise<void>((resolve) => pending.push({ lines, finish: resolve })),
    query: () => Promise.resolve([]),
    ping: () => Promise.resolve('1.6.7'),
    ensureDatabase: () => Promise.resolve(),
    forDatabase: () => {
      throw new Error('not used')
    }
  }
  return { store, pending }
}

const device = {
  device: { id: 'd1', equipmentId: 'e1', siteId: 's1', buildingId: 'b1', equipmentType: 'pump', passwordHash: '' },
  equipment: { id: 'e1', siteId: 's1', buildingId: 'b1', type: 'pump', name: 'P', location: '' },
  telemetrySeriesKey: 'telemetry,device=d1',
  telemetryTopic: 'sites/s1/devices/d1/telemetry'
} satisfies DeviceContext

const message = (body: string) => ({ topic: device.telemetryTopic, clientId: 'd1', payload: Buffer.from(body), device })
const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('IngestPipeline ordering', () => {
  it('acknowledges messages in the order it accepted them, even when a later write finishes first', async () => {
    const { store, pending } = controllableInflux()
    const pipeline = new IngestPipeline({ influx: store, deadLetters: { record: () => Promise.resolve() }, logger: testLogger() })
    const order: string[] = []
    const now = Date.now()
    const first = pipeline.accept(message(`{"ts":${now},"metrics":{"a":1}}`)).then(() => order.push('first'))
    await tick()
    const second = pipeline.accept(message(`{"ts":${now + 1},"metrics":{"a":2}}`)).then(() => order.push('second'))
    const bad = pipeline.accept(message('{oops')).then(() => order.push('dead letter'))
    await tick()
    expect(pending).toHaveLength(2)
    pending[1]?.finish()
    await tick()
    expect(order).toEqual([])
    pending[0]?.finish()
    await Promise.all([first, second, bad])
    expect(order).toEqual(['first', 'second', 'dead letter'])
  })

  it('records, once per stored batch, which devices were stored and when — after the write, never for a dead letter', async () => {
    const { store, pending } = controllableInflux()
    const recorded: { deviceIds: string[]; storedAtMs: number }[] = []
    const lastSeen = {
      record(ids: Iterable<string>, storedAtMs: number): Promise<void> {
        recorded.push({ deviceIds: [...ids], storedAtMs })
        return Promise.resolve()
      }
    }
    const pipeline = new IngestPipeline({ influx: store, deadLetters: { record: () => Promise.resolve() }, lastSeen, logger: testLogger(), now: () => 1_700_000_000_000 })
    const other = { ...device, device: { ...device.device, id: 'd2' } }
    const ts = 1_700_000_000_000 - 1000
    const accepted = [
      pipeline.accept(message(`{"ts":${ts},"metrics":{"a":1}}`)),
      pipeline.accept(message(`{"ts":${ts + 1},"metrics":{"a":2}}`)),
      pipeline.accept({ ...message(`{"ts":${ts},"metrics":{"a":3}}`), device: other }),
      pipeline.accept({ ...message('{oops'), device: { ...device, device: { ...device.device, id: 'd3' } } })
    ]
    while (pending.length < 1) await tick()
    expect(recorded).toEqual([])
    pending[0]?.finish()
    await Promise.all(accepted)
    expect(recorded).toEqual([{ deviceIds: ['d1', 'd2'], storedAtMs: 1_700_000_000_000 }])
  })

  it('writes one batch per free writer and groups what arrives while both are busy', async () => {
    const { store, pending } = controllableInflux()
    const pipeline = new IngestPipeline({ influx: store, deadLetters: { record: () => Promise.resolve() }, logger: testLogger(), options: { maxConcurrentWrites: 2 } })
    const now = Date.now()
    const accept = (i: number) => pipeline.accept(message(`{"ts":${now + i},"metrics":{"a":${i}}}`))
    const accepted = [accept(0)]
    await tick()
    accepted.push(accept(1))
    await tick()
    for (let i = 2; i < 12; i++) accepted.push(accept(i))
    await tick()
    while (pending.length < 2) await tick()
    expect(pending.map((w) => w.lines.length)).toEqual([1, 1])
    pending[0]?.finish()
    pending[1]?.finish()
    while (pending.length < 3) await tick()
    expect(pending[2]?.lines.length).toBe(10)
    pending[2]?.finish()
    expect(await Promise.all(accepted)).toEqual(Array(12).fill('stored'))
  })
})
