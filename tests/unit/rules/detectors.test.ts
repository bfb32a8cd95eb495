import { describe, expect, it } from 'vitest'
import { CounterRateDetector } from '../../../rules/detectors/counter-rate.js'
import { CusumDetector } from '../../../rules/detectors/cusum.js'
import type { Detector } from '../../../rules/detectors/detector.js'
import { EwmaDetector } from '../../../rules/detectors/ewma.js'
import { FlatlineDetector } from '../../../rules/detectors/flatline.js'
import { PhysicalRangeDetector } from '../../../rules/detectors/physical-range.js'
import { RateOfChangeDetector } from '../../../rules/detectors/rate-of-change.js'
import { RobustZDetector } from '../../../rules/detectors/robust-z.js'
import { ThresholdDetector } from '../../../rules/detectors/threshold.js'
import { TrendForecastDetector, trendFit } from '../../../rules/detectors/trend-forecast.js'
import { series, transitionsOf } from '../../helpers/synthetic-series.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('RateOfChangeDetector', () => {
  const detector = () => new RateOfChangeDetector({ metric: 'p', maxFallPerMinute: 0.5, alpha: 0.3, forMs: 10_000, maxGapMs: 30_000 })

  it('fires on a fast fall held long enough and clears when it levels off, ignoring noise', () => {
    const values = series(300, 7, 0.02, 1, (i) => (i >= 100 && i < 160 ? -(i - 100) * 0.02 : i >= 160 ? -1.2 : 0))
    expect(transitionsOf(detector(), values)).toEqual([
      { index: expect.any(Number) as number, state: 'fire' },
      { index: expect.any(Number) as number, state: 'clear' }
    ])
    const [fire, clear] = transitionsOf(detector(), values)
    expect(fire?.index).toBeGreaterThan(105)
    expect(fire?.index).toBeLessThan(135)
    expect(clear?.index).toBeGreaterThanOrEqual(160)
  })

  it('smooths from the first rate after a start or a gap: noise of 0.03 bar never lasts 20 s beyond 0.5 bar/min, a real fall does', () => {
    const slow = (): RateOfChangeDetector => new RateOfChangeDetector({ metric: 'p', maxFallPerMinute: 0.5, alpha: 0.05, forMs: 20_000, maxGapMs: 60_000 })
    // 60 stretches of two minutes, each after a two-minute silence: 60 fresh starts.
    const quiet = slow()
    const noise = series(60 * 120, 7, 0.03, 8)
    noise.forEach((value, i) => expect(quiet.update(Math.floor(i / 120) * 240_000 + (i % 120) * 1000, value)).toBeUndefined())
    const falling = series(300, 7, 0.03, 9, (i) => (i >= 100 ? -(i - 100) / 60 : 0))
    const [fire] = transitionsOf(slow(), falling)
    expect(fire?.state).toBe('fire')
    expect(fire?.index).toBeGreaterThan(100)
    expect(fire?.index).toBeLessThan(160)
  })

  it('computes no rate across a gap: a step after an outage is not a fall', () => {
    const d = detector()
    for (let s = 0; s < 20; s++) d.update(s * 1000, 7)
    expect(d.update(120_000, 3)).toBeUndefined()
    for (let s = 121; s < 160; s++) expect(d.update(s * 1000, 3)).toBeUndefined()
  })
})

describe('RobustZDetector', () => {
  const detector = (consecutive = 1) => new RobustZDetector({ metric: 'v', window: 60, threshold: 6, consecutive, minMad: 0.01 })

  it('catches a single spike that a few earlier outliers do not hide', () => {
    const values = series(200, 2, 0.1, 2, (i) => (i === 30 || i === 35 ? 1.5 : i === 150 ? 3 : 0))
    const transitions = transitionsOf(detector(), values)
    expect(transitions.filter((t) => t.state === 'fire').map((t) => t.index)).toEqual([150])
  })

  it('needs the anomaly to last when asked for consecutive readings', () => {
    const spike = series(200, 2, 0.1, 3, (i) => (i === 150 ? 3 : 0))
    expect(transitionsOf(detector(3), spike)).toEqual([])
    const step = series(200, 2, 0.1, 3, (i) => (i >= 150 && i < 160 ? 3 : 0))
    expect(transitionsOf(detector(3), step)[0]).toEqual({ index: 152, state: 'fire' })
  })
})

describe('CusumDetector', () => {
  // h = 10: with the textbook h = 5 a two-sided chart false-alarms every few hundred readings, minutes at 1 Hz.
  const detector = () => new CusumDetector({ metric: 'p', k: 0.5, h: 10, warmupSamples: 100, baselineAlpha: 0.001, direction: 'both', minStdDev: 0.001 })

  it('finds a small sustained shift (1 σ) that a 3 σ limit would miss, within tens of readings', () => {
    const values = series(600, 7, 0.05, 4, (i) => (i >= 300 ? -0.05 : 0))
    const [fire] = transitionsOf(detector(), values)
    expect(fire?.state).toBe('fire')
    expect(fire?.index).toBeGreaterThan(300)
    expect(fire?.index).toBeLessThan(340)
    expect(values.slice(300).filter((v) => v < 7 - 0.15).length / 300).toBeLessThan(0.05)
  })

  it('stays quiet on a long in-control series', () => {
    expect(transitionsOf(detector(), series(20_000, 7, 0.05, 5))).toEqual([])
  })

  it('learns its baseline again after a stuck sensor instead of judging the real level against the stuck one', () => {
    // Live for 10 minutes, stuck at one reading for an hour, live again 0.1 bar lower (the day moved on).
    const values = [...series(600, 7, 0.05, 6), ...Array<number>(3600).fill(7.03), ...series(1200, 6.9, 0.05, 7)]
    expect(transitionsOf(detector(), values)).toEqual([])
  })
})

describe('TrendForecastDetector', () => {
  const detector = (seasonMs = 0, windowMs = 12 * HOUR) =>
    new TrendForecastDetector({ metric: 'bearing_temp_c', above: 80, windowMs, points: 144, horizonMs: 7 * DAY, minPoints: 24, minTStat: 3, seasonMs })

  it('forecasts when a slow rise will cross the limit, days ahead, with an interval around the truth', () => {
    // 50 °C rising 0.1 °C per hour from t=0: crosses 80 °C at 300 h; one reading a minute.
    const d = detector()
    let fired: { index: number; crossingAt: string; earliest: string; latest: string } | undefined
    for (let i = 0; i < 60 * 200 && fired === undefined; i++) {
      const ts = i * 60_000
      const signal = d.update(ts, 50 + (0.1 * ts) / HOUR + 0.2 * Math.sin(i * 1.7))
      if (signal?.state === 'fire' && signal.explanation.forecast !== undefined) fired = { index: i, ...signal.explanation.forecast }
    }
    expect(fired).toBeDefined()
    const truth = 300 * HOUR
    const firedAt = (fired?.index ?? 0) * 60_000
    // Fired as soon as the crossing came within the 7-day horizon, long before the limit.
    expect(truth - firedAt).toBeGreaterThan(6 * DAY)
    // (7 days ahead of the forecast crossing, which is within hours of the true one)
    expect(truth - firedAt).toBeLessThanOrEqual(7 * DAY + 12 * HOUR)
    expect(Math.abs(Date.parse(fired?.crossingAt ?? '') - truth)).toBeLessThan(12 * HOUR)
    expect(Date.parse(fired?.earliest ?? '')).toBeLessThanOrEqual(truth)
    expect(Date.parse(fired?.latest ?? '')).toBeGreaterThanOrEqual(truth)
  })

  it('stays quiet on a flat noisy series and on a rise away from the limit', () => {
    const flat = detector()
    const falling = detector()
    for (let i = 0; i < 60 * 48; i++) {
      expect(flat.update(i * 60_000, 50 + Math.sin(i * 1.3))).toBeUndefined()
      expect(falling.update(i * 60_000, 70 - i * 0.001)).toBeUndefined()
    }
  })

  it('is not fooled by a daily cycle: the afternoon rise is not wear', () => {
    // 52 °C ± 4 °C over the day, no trend, for ten days, a reading every five minutes.
    const d = detector(DAY, 3 * DAY)
    for (let i = 0; i < 12 * 24 * 10; i++) {
      const ts = i * 300_000
      expect(d.update(ts, 52 + 4 * Math.sin((2 * Math.PI * ts) / DAY) + 0.3 * Math.sin(i * 1.7))).toBeUndefined()
    }
  })

  it('forecasts when the daily peak of a slowly rising cycle will reach the limit', () => {
    // 52 °C ± 4 °C over the day, rising 0.1 °C per hour: the peak (mean + 4) reaches 80 at 240 h.
    const d = detector(DAY, 3 * DAY)
    let fired: { at: number; crossingAt: string } | undefined
    for (let i = 0; i < 12 * 24 * 12 && fired === undefined; i++) {
      const ts = i * 300_000
      const signal = d.update(ts, 52 + (0.1 * ts) / HOUR + 4 * Math.sin((2 * Math.PI * ts) / DAY))
      if (signal?.explanation.forecast !== undefined) fired = { at: ts, crossingAt: signal.explanation.forecast.crossingAt }
    }
    expect(fired).toBeDefined()
    expect(Math.abs(Date.parse(fired?.crossingAt ?? '') - 240 * HOUR)).toBeLessThan(6 * HOUR)
    expect(240 * HOUR - (fired?.at ?? 0)).toBeGreaterThan(6 * DAY)
  })

  it("starts afresh after a repair: the worn part's history forecasts nothing for the new one", () => {
    // Flat at 50 °C for 12 h, rising 5 °C/h for 5 h (forecast fires), then repaired: back to 50 °C for 12 h.
    const d = detector()
    const signals: { hour: number; state: string }[] = []
    for (let s = 0; s < 29 * 3600; s += 10) {
      const hour = s / 3600
      const value = (hour < 12 ? 50 : hour < 17 ? 50 + 5 * (hour - 12) : 50) + 0.2 * Math.sin(s * 1.7)
      const signal = d.update(s * 1000, value)
      if (signal !== undefined) signals.push({ hour, state: signal.state })
    }
    expect(signals.map((signal) => signal.state)).toEqual(['fire', 'clear'])
    expect(signals[0]?.hour).toBeGreaterThan(12)
    expect(signals[0]?.hour).toBeLessThan(17)
    // Cleared within a bucket or two of the repair, and silent for the 12 h after.
    expect(signals[1]?.hour).toBeGreaterThanOrEqual(17)
    expect(signals[1]?.hour).toBeLessThan(17.25)
  })

  it('fits by least squares, with and without a cycle', () => {
    const line = trendFit([0, 1, 2, 3], [1, 3, 5, 7], 0)
    expect(line).toMatchObject({ n: 4, amplitude: 0, spanMs: 3 })
    expect(line?.slope).toBeCloseTo(2, 12)
    expect(line?.intercept).toBeCloseTo(1, 12)
    expect(line?.slopeSe).toBeCloseTo(0, 6)
    const ts = Array.from({ length: 200 }, (_, i) => i * 600_000)
    const fit = trendFit(ts, ts.map((t) => 10 + t / HOUR + 3 * Math.cos((2 * Math.PI * t) / DAY)), 0, DAY)
    expect(fit?.slope).toBeCloseTo(1 / HOUR, 12)
    expect(fit?.amplitude).toBeCloseTo(3, 6)
  })
})

describe('FlatlineDetector', () => {
  it('calls a sensor stuck after minutes without change, and clears when it moves', () => {
    const values = [...series(100, 5, 0.1, 6), ...Array<number>(700).fill(5.123), ...series(10, 5, 0.1, 7)]
    expect(transitionsOf(new FlatlineDetector({ metric: 't', tolerance: 0.001, minDurationMs: 600_000 }), values)).toEqual([
      { index: 700, state: 'fire' },
      { index: 800, state: 'clear' }
    ])
  })
})

describe('FlatlineDetector after an outage', () => {
  it('does not call a sensor stuck because its first reading after 20 minutes of silence equals its last before', () => {
    const detector = new FlatlineDetector({ metric: 't', tolerance: 0.001, minDurationMs: 600_000 })
    const before = series(100, 5, 0.1, 8)
    const signals: (string | undefined)[] = []
    before.forEach((value, s) => signals.push(detector.update(s * 1000, value)?.state))
    const resumeAt = 100_000 + 20 * 60_000
    series(100, 5, 0.1, 9, (i) => (i === 0 ? (before.at(-1) as number) - 5 : 0)).forEach((value, s) => {
      signals.push(detector.update(resumeAt + s * 1000, s === 0 ? (before.at(-1) as number) : value)?.state)
    })
    expect(signals.filter((state) => state !== undefined)).toEqual([])
  })
})

describe('PhysicalRangeDetector', () => {
  it('reports an impossible value at once, as a sensor fault', () => {
    const detector = new PhysicalRangeDetector({ metric: 'flow_m3h', min: 0, max: 500 })
    expect(transitionsOf(detector, [10, 12, -3, -3, 11])).toEqual([
      { index: 2, state: 'fire' },
      { index: 4, state: 'clear' }
    ])
  })
})

describe('CounterRateDetector', () => {
  it('counts increments over the window, survives a counter reset, and fires on too many', () => {
    const detector = new CounterRateDetector({ metric: 'starts_total', windowMs: HOUR, maxPerWindow: 12 })
    const minute = 60_000
    // One start every 10 minutes for 2 hours, then the counter resets (device replaced), then a start a minute.
    let value = 100
    const transitions: string[] = []
    for (let m = 0; m <= 120; m++) {
      if (m % 10 === 0 && m > 0) value++
      detector.update(m * minute, value)
    }
    expect(detector.perWindow).toBeGreaterThanOrEqual(5)
    expect(detector.perWindow).toBeLessThanOrEqual(6)
    expect(detector.update(121 * minute, 2)?.state).toBeUndefined()
    expect(detector.total).toBe(12 + 2)
    value = 2
    for (let m = 122; m <= 140; m++) {
      value++
      const signal = detector.update(m * minute, value)
      if (signal !== undefined) transitions.push(`${signal.state}@${m}`)
    }
    // Six starts from before the reset, two counted at the reset, then one a minute: over 12 at 126.
    expect(transitions).toEqual(['fire@126'])
  })

  it("counts only the window's share of a catch-up jump: 10 hours of trips arriving at once after a stuck reading are not 400 trips in an hour", () => {
    const detector = new CounterRateDetector({ metric: 'trips_total', windowMs: HOUR, maxPerWindow: 400 })
    const minute = 60_000
    const signals: string[] = []
    const feed = (m: number, value: number): void => {
      const signal = detector.update(m * minute, value)
      if (signal !== undefined) signals.push(`${signal.state}@${m}`)
    }
    // 40 trips an hour for 2 h; the reading stuck for 10 h; then the counter's true value, and on at 40 an hour.
    for (let m = 0; m < 120; m++) feed(m, 1000 + Math.floor((40 * m) / 60))
    for (let m = 120; m < 720; m++) feed(m, 1080)
    const caughtUp = (m: number): number => 1000 + Math.floor((40 * m) / 60)
    for (let m = 720; m < 900; m++) feed(m, caughtUp(m))
    expect(signals).toEqual([])
    expect(detector.perWindow).toBeLessThan(100)
    expect(detector.total).toBe(caughtUp(899) - 1000)
    // A real runaway, a trip every 5 s, still fires within the hour.
    for (let m = 900; m < 960; m++) feed(m, caughtUp(899) + 12 * (m - 899))
    expect(signals).toHaveLength(1)
    expect(signals[0]).toMatch(/^fire@9\d\d$/)
  })
})

describe('snapshot and restore', () => {
  const cases: [string, () => Detector][] = [
    ['threshold', () => new ThresholdDetector({ metric: 'x', above: 10, forMs: 5000 })],
    ['ewma', () => new EwmaDetector({ metric: 'x', lambda: 0.2, sigmas: 5, warmupSamples: 50, baselineAlpha: 0.01, direction: 'up', minStdDev: 0.01 })],
    ['rate', () => new RateOfChangeDetector({ metric: 'x', maxRisePerMinute: 2, alpha: 0.3, forMs: 5000, maxGapMs: 10_000 })],
    ['robust z', () => new RobustZDetector({ metric: 'x', window: 32, threshold: 5, consecutive: 2, minMad: 0.01 })],
    ['cusum', () => new CusumDetector({ metric: 'x', k: 0.5, h: 5, warmupSamples: 50, baselineAlpha: 0.01, direction: 'both', minStdDev: 0.01 })],
    ['trend', () => new TrendForecastDetector({ metric: 'x', above: 100, windowMs: 600_000, points: 60, horizonMs: 3_600_000, minPoints: 10, minTStat: 3, seasonMs: 0 })],
    ['flatline', () => new FlatlineDetector({ metric: 'x', tolerance: 0.001, minDurationMs: 60_000 })],
    ['counter', () => new CounterRateDetector({ metric: 'x', windowMs: 600_000, maxPerWindow: 30 })]
  ]

  it.each(cases)('%s: a restored detector continues exactly as the original', (_name, make) => {
    const values = series(400, 10, 0.5, 9, (i) => (i > 250 ? (i - 250) * 0.2 : 0))
    const original = make()
    values.slice(0, 200).forEach((v, i) => original.update(i * 1000, v))
    const restored = make()
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())))
    for (let i = 200; i < values.length; i++) {
      const a = original.update(i * 1000, values[i] as number)
      const b = restored.update(i * 1000, values[i] as number)
      expect(b).toEqual(a)
      expect(restored.score).toBe(original.score)
    }
  })

  it('refuses a snapshot that does not fit the detector', () => {
    expect(() => new ThresholdDetector({ metric: 'x', above: 1, forMs: 0 }).restore({ nothing: true })).toThrow(/missing/)
  })
})
