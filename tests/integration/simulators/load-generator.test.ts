import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { Aedes } from 'aedes'
import { describe, expect, it } from 'vitest'
import { quantile, runLoad } from '../../../simulators/load-generator.js'

describe('load generator', () => {
  it('keeps the window full, numbers every reading and times every acknowledgement', async () => {
    const broker = await Aedes.createBroker()
    const server = net.createServer((socket) => broker.handle(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const received = new Map<string, number[]>()
    broker.on('publish', (packet, client) => {
      if (client === null) return
      const body = JSON.parse(packet.payload.toString()) as { readings: { seq: number; metrics: Record<string, number> }[] }
      const seqs = received.get(client.id) ?? []
      for (const reading of body.readings) {
        expect(Object.keys(reading.metrics)).toHaveLength(6)
        seqs.push(reading.seq)
      }
      received.set(client.id, seqs)
    })
    try {
      const devices = [0, 1, 2].map((i) => ({ id: `load-${i}`, siteId: 's', password: 'x' }))
      const result = await runLoad({
        brokerUrl: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
        devices,
        durationMs: 300,
        mode: { kind: 'window', window: 2 },
        readingsPerMessage: 3
      })
      expect(result.messagesAcked).toBe(result.messagesSent)
      expect(result.readingsAcked).toBe(result.messagesAcked * 3)
      expect(result.latenciesMs).toHaveLength(result.messagesAcked)
      for (const device of devices) {
        const count = result.readingsSent.get(device.id) ?? 0
        expect(count).toBeGreaterThan(0)
        expect(result.lastSeq.get(device.id)).toBe(count - 1)
        expect(received.get(device.id)).toEqual(Array.from({ length: count }, (_, i) => i))
      }
    } finally {
      await new Promise<void>((resolve) => broker.close(() => resolve()))
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('computes quantiles', () => {
    expect(quantile(Float64Array.from([5, 1, 4, 2, 3]), 0.5)).toBe(3)
    expect(quantile(Float64Array.from([5, 1, 4, 2, 3]), 0.99)).toBe(5)
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN()
  })
})
