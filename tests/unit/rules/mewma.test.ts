import { describe, expect, it } from 'vitest'
import { MahalanobisDetector } from '../../../rules/detectors/mahalanobis.js'
import { MewmaDetector } from '../../../rules/detectors/mewma.js'
import type { MewmaParams } from '../../../rules/detectors/mewma.js'
import { gaussian } from '../../helpers/synthetic-series.js'

const METRICS = ['current', 'flow', 'pressure']

function make(overrides: Partial<MewmaParams> = {}): MewmaDetector {
  return new MewmaDetector({
    metrics: METRICS,
    warmupSamples: 300,
    lambda: 0.05,
    quantile: 0.995,
    factor: 1.5,
    consecutive: 3,
    ridge: 0.01,
    baselineAlpha: 0,
    episodeClearRatio: 0,
    settleSamples: 60,
    settleAlpha: 0.05,
    ...overrides
  })
}

/** Healthy: flow and current move together with the load; pressure follows flow. `shift` is added to each metric, in its own unit. */
function reading(noise: () => number, load: number, shift: readonly number[] = [0, 0, 0]): number[] {
  const flow = 40 + 2 * load + 0.5 * noise()
  return [20 + 0.25 * (flow - 40) + 0.2 * noise() + (shift[0] ?? 0), flow + (shift[1] ?? 0), 3 + 0.02 * flow + 0.02 * noise() + (shift[2] ?? 0)]
}

/** Feeds readings i = from…to−1 and lists the indexes where the detector fired or cleared. */
function feed(detector: { update(ts: number, values: readonly number[]): { state: string } | undefined }, from: number, to: number, at: (i: number) => number[]): string[] {
  const events: string[] = []
  for (let i = from; i < to; i++) {
    const signal = detector.update(i * 1000, at(i))
    if (signal !== undefined) events.push(`${signal.state}@${i}`)
  }
  return events
}

describe('MewmaDetector', () => {
  it('stays quiet while the readings go together, whatever the load', () => {
    const detector = make()
    const noise = gaussian(1)
    expect(feed(detector, 0, 5000, (i) => reading(noise, Math.sin(i / 40)))).toEqual([])
    expect(detector.fitted).toBe(true)
    expect(detector.score).toBeLessThan(1)
  })

  it('adds up a small shift that persists, which a smoothed distance does not see, and names the metric', () => {
    const noise = gaussian(2)
    // At a steady operating point, pressure 0.01 bar high for good: half its noise, and within its usual range.
    const rows = Array.from({ length: 1200 }, (_, i) => reading(noise, 0, i >= 600 ? [0, 0, 0.01] : [0, 0, 0]))
    const mewma = make()
    const distance = new MahalanobisDetector({ metrics: METRICS, warmupSamples: 300, lambda: 0.05, quantile: 0.995, factor: 1.5, consecutive: 3, ridge: 0.01 })
    const messages: string[] = []
    const fired = feed({ update: (ts, values) => { const signal = mewma.update(ts, values); if (signal !== undefined) messages.push(signal.explanation.message); return signal } }, 0, rows.length, (i) => rows[i] as number[])
    expect(fired[0]).toMatch(/^fire@/)
    const at = Number((fired[0] ?? '').split('@')[1])
    expect(at).toBeGreaterThanOrEqual(600)
    expect(at).toBeLessThan(700)
    expect(messages[0]).toMatch(/most off: pressure/)
    expect(feed(distance, 0, rows.length, (i) => rows[i] as number[])).toEqual([])
  })

  it('follows slow drift while in control when asked to, and fires on it when not', () => {
    const noise = gaussian(3)
    // Flow (and with it current and pressure) creeps up by 3 L/min over an hour: a slow change of the operating point.
    const at = (i: number): number[] => reading(noise, Math.sin(i / 40) + (i > 300 ? (i - 300) / 2400 : 0))
    const following = make({ baselineAlpha: 0.01 })
    expect(feed(following, 0, 3900, at)).toEqual([])
    const fixed = make()
    expect(feed(fixed, 0, 3900, at)[0]).toMatch(/^fire@/)
  })

  it('ends an episode that falls far below its peak and relearns the level the machine settled at', () => {
    const noise = gaussian(4)
    // At a steady operating point, a 5 L/min flow drop for 300 readings; afterwards the flow settles 0.5 L/min (1 σ) above where it was.
    const at = (i: number): number[] => reading(noise, 0, [0, i >= 600 && i < 900 ? -5 : i >= 900 ? 0.5 : 0, 0])
    const withEpisodes = make({ episodeClearRatio: 0.05 })
    const events = feed(withEpisodes, 0, 2000, at)
    expect(events).toHaveLength(2)
    expect(events[0]).toMatch(/^fire@6\d\d$/)
    expect(events[1]).toMatch(/^clear@9\d\d$/)
    expect(withEpisodes.active).toBe(false)

    const latched = make()
    const latchedEvents = feed(latched, 0, 2000, at)
    expect(latchedEvents).toHaveLength(1)
    expect(latched.active).toBe(true)
  })

  it('floors each metric’s standard deviation, so a sensor that barely moved in the warm-up does not make a negligible offset a fault', () => {
    const noise = gaussian(5)
    // The pressure sensor reads almost constant during the warm-up, then 0.002 bar higher.
    const at = (i: number): number[] => {
      const row = reading(noise, Math.sin(i / 40))
      return [row[0] as number, row[1] as number, 3.8 + 0.0001 * noise() + (i >= 600 ? 0.002 : 0)]
    }
    expect(feed(make(), 0, 1200, at)[0]).toMatch(/^fire@6/)
    expect(feed(make({ minStdDevs: [0, 0, 0.01] }), 0, 1200, at)).toEqual([])
  })

  it('resumes exactly from a snapshot', () => {
    const noise = gaussian(6)
    const rows = Array.from({ length: 1500 }, (_, i) => reading(noise, Math.sin(i / 40), [0, i >= 700 && i < 1000 ? -3 : 0, 0]))
    const params = { baselineAlpha: 0.01, episodeClearRatio: 0.05 }
    const whole = make(params)
    const expected = feed(whole, 0, rows.length, (i) => rows[i] as number[])
    const first = make(params)
    const before = feed(first, 0, 800, (i) => rows[i] as number[])
    const second = make(params)
    second.restore(JSON.parse(JSON.stringify(first.snapshot())))
    expect([...before, ...feed(second, 800, rows.length, (i) => rows[i] as number[])]).toEqual(expected)
    expect(second.score).toBe(whole.score)
  })

  it('rejects parameters it cannot work with', () => {
    expect(() => make({ lambda: 0 })).toThrow(/lambda/)
    expect(() => make({ minStdDevs: [0, 0] })).toThrow(/one minStdDev per metric/)
    expect(() => make({ warmupSamples: 5 })).toThrow(/at least 12 samples/)
    expect(() => make({ settleAlpha: 0 })).toThrow(/settleAlpha/)
    expect(() => make({ metrics: ['one'] })).toThrow(/two metrics/)
  })
})
