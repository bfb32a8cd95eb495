import { describe, expect, it } from 'vitest'
import { thresholdsOf, trendChartOption } from '../../../web/src/pages/equipment/trend-chart-option.js'
import type { Rule } from '../../../web/src/api-types.js'

const T0 = Date.parse('2026-11-30T00:00:00Z')
const points = [0, 1, 2].map((hour) => ({ ts: new Date(T0 + hour * 3_600_000).toISOString(), mean: 60 + hour, min: 59 + hour, max: 61 + hour }))
type Series = { name: string; type: string; data: number[][]; sampling?: string; lineStyle?: { type?: string }; markLine?: { data: { yAxis?: number; xAxis?: number }[] }; markArea?: { data: { xAxis: number }[][] } }

describe('trendChartOption', () => {
  const forecast = { fromMs: T0 + 2 * 3_600_000, fromValue: 62, crossingMs: T0 + 5 * 86_400_000, earliestMs: T0 + 4 * 86_400_000, latestMs: T0 + 6 * 86_400_000, limit: 80, label: 'Forecast' }
  const option = trendChartOption({
    points,
    unit: '°C',
    seriesName: 'Mean',
    rangeName: 'Min–max',
    thresholds: [{ value: 80, label: 'limit' }],
    alertPeriods: [{ fromMs: T0 + 3_600_000, toMs: T0 + 2 * 3_600_000, label: 'bearing-overheat' }],
    forecast,
    formatTime: (ms) => new Date(ms).toISOString()
  }) as { series: Series[]; xAxis: { max?: number }; yAxis: { max: (extent: { max: number }) => number } }

  it('draws the mean thinned by LTTB, the range band, the limits and the alert periods', () => {
    const [low, spread, mean] = option.series
    expect(mean?.data).toEqual(points.map((point) => [Date.parse(point.ts), point.mean]))
    expect([low?.sampling, spread?.sampling, mean?.sampling]).toEqual(['lttb', 'lttb', 'lttb'])
    expect(spread?.data.map(([, width]) => width)).toEqual([2, 2, 2])
    expect(mean?.markLine?.data.map((line) => line.yAxis)).toEqual([80])
    expect(mean?.markArea?.data).toEqual([[expect.objectContaining({ xAxis: T0 + 3_600_000 }), { xAxis: T0 + 2 * 3_600_000 }]])
  })

  it('draws the forecast dashed from the newest reading to the crossing, shades its interval and keeps the limit in view', () => {
    const line = option.series.find((series) => series.name === 'Forecast')
    expect(line?.data).toEqual([
      [forecast.fromMs, 62],
      [forecast.crossingMs, 80]
    ])
    expect(line?.lineStyle?.type).toBe('dashed')
    expect(line?.markArea?.data).toEqual([[{ xAxis: forecast.earliestMs }, { xAxis: forecast.latestMs }]])
    expect(line?.markLine?.data).toEqual([{ xAxis: forecast.crossingMs }])
    expect(option.xAxis.max).toBe(forecast.latestMs)
    expect(option.yAxis.max({ max: 62 })).toBeGreaterThanOrEqual(80)
  })

  it('takes the limits from the enabled threshold rules on the metric only', () => {
    const rule = (id: string, metric: string, params: Rule['params'], enabled = true): Rule => ({ id, title: id, metric, detector: 'threshold', severity: 'critical', enabled, params })
    const rules = [rule('hot', 'bearing_temp_c', { above: 80, clearAt: 70 }), rule('off', 'bearing_temp_c', { above: 90 }, false), rule('amps', 'motor_current_a', { above: 42 })]
    expect(thresholdsOf(rules, 'bearing_temp_c', { limit: 'limit', clears: 'clears' })).toEqual([
      { value: 80, label: 'hot — limit' },
      { value: 70, label: 'clears' }
    ])
  })
})
