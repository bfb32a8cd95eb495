import type { Rule } from '../../api-types.js'
import type { EChartsCoreOption } from '../../charts/echarts-core.js'

export interface Threshold {
  value: number
  label: string
}
export interface Period {
  fromMs: number
  toMs: number
  label: string
}
export interface ForecastLine {
  /** Where the line starts: the newest reading. */
  fromMs: number
  fromValue: number
  crossingMs: number
  earliestMs: number
  latestMs: number
  limit: number
  label: string
}

export interface TrendChartInput {
  points: readonly { ts: string; mean: number; min: number; max: number }[]
  unit: string
  seriesName: string
  rangeName: string
  thresholds: readonly Threshold[]
  alertPeriods: readonly Period[]
  forecast?: ForecastLine | undefined
  /** Formats an axis or tooltip time in the site's time zone. */
  formatTime: (ms: number) => string
}

const FORECAST_COLOUR = '#7b3fa0'

/**
 * The ECharts option of one metric's trend: the mean with its min–max range, limits as lines,
 * alert periods shaded red, and the forecast as a dashed line to the predicted crossing with its
 * interval shaded. The API already rolled the readings up; `sampling: 'lttb'` thins them again
 * to the chart's width in the browser.
 */
export function trendChartOption(input: TrendChartInput): EChartsCoreOption {
  const { points, unit, forecast } = input
  const mean = points.map((point) => [Date.parse(point.ts), point.mean])
  const low = points.map((point) => [Date.parse(point.ts), point.min])
  const spread = points.map((point) => [Date.parse(point.ts), point.max - point.min])
  const withUnit = (value: number) => `${Math.round(value * 100) / 100} ${unit}`
  const series: Record<string, unknown>[] = [
    // min, then (max − min) stacked on it: the band between them is the range of the readings.
    { name: 'min', type: 'line', data: low, stack: 'range', symbol: 'none', lineStyle: { opacity: 0 }, sampling: 'lttb', silent: true, tooltip: { show: false } },
    { name: input.rangeName, type: 'line', data: spread, stack: 'range', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: '#9cc3e6', opacity: 0.45 }, sampling: 'lttb', silent: true, tooltip: { show: false } },
    {
      name: input.seriesName,
      type: 'line',
      data: mean,
      symbol: 'none',
      sampling: 'lttb',
      lineStyle: { width: 2, color: '#0b4f8a' },
      markLine: {
        symbol: 'none',
        silent: true,
        data: input.thresholds.map((threshold) => ({ yAxis: threshold.value, name: threshold.label, label: { formatter: `${threshold.label}: ${withUnit(threshold.value)}`, position: 'insideEndTop' }, lineStyle: { color: '#a4161a', type: 'solid' } }))
      },
      markArea: {
        silent: true,
        itemStyle: { color: 'rgba(192, 57, 43, 0.15)' },
        data: input.alertPeriods.map((period) => [{ xAxis: period.fromMs, name: period.label }, { xAxis: period.toMs }])
      }
    }
  ]
  if (forecast !== undefined) {
    series.push({
      name: forecast.label,
      type: 'line',
      data: [
        [forecast.fromMs, forecast.fromValue],
        [forecast.crossingMs, forecast.limit]
      ],
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { type: 'dashed', width: 2, color: FORECAST_COLOUR },
      itemStyle: { color: FORECAST_COLOUR },
      markArea: { silent: true, itemStyle: { color: 'rgba(123, 63, 160, 0.12)' }, data: [[{ xAxis: forecast.earliestMs }, { xAxis: forecast.latestMs }]] },
      markLine: { symbol: 'none', silent: true, lineStyle: { color: FORECAST_COLOUR, type: 'dotted' }, label: { formatter: input.formatTime(forecast.crossingMs) }, data: [{ xAxis: forecast.crossingMs }] }
    })
  }
  const lastMs = mean.at(-1)?.[0]
  // The limits stay on the chart even while the readings are far below them.
  const limits = [...input.thresholds.map((threshold) => threshold.value), ...(forecast === undefined ? [] : [forecast.limit])]
  return {
    animation: false,
    grid: { left: 60, right: 24, top: 36, bottom: 64 },
    legend: { data: [input.seriesName, input.rangeName, ...(forecast === undefined ? [] : [forecast.label])], top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => withUnit(value), axisPointer: { label: { formatter: ({ value }: { value: number }) => input.formatTime(value) } } },
    xAxis: { type: 'time', max: forecast === undefined ? undefined : Math.max(forecast.latestMs, lastMs ?? 0), axisLabel: { formatter: (value: number) => input.formatTime(value), hideOverlap: true } },
    yAxis: {
      type: 'value',
      name: unit,
      scale: true,
      max: (extent: { max: number }) => niceCeil(Math.max(extent.max, ...limits)),
      min: (extent: { min: number }) => niceFloor(Math.min(extent.min, ...limits))
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 8 }],
    series
  }
}

const niceCeil = (value: number) => Math.ceil(value + Math.abs(value) * 0.05)
const niceFloor = (value: number) => Math.floor(value - Math.abs(value) * 0.05)

/** Limits of the rules on this metric: where alerts fire and where they clear. */
export function thresholdsOf(rules: readonly Rule[], metric: string, labels: { limit: string; clears: string }): Threshold[] {
  const lines: Threshold[] = []
  for (const rule of rules) {
    if (!rule.enabled || rule.metric !== metric || rule.detector !== 'threshold') continue
    const limit = rule.params.above ?? rule.params.below
    if (limit !== undefined) lines.push({ value: limit, label: `${rule.title} — ${labels.limit}` })
    if (rule.params.clearAt !== undefined && rule.params.clearAt !== limit) lines.push({ value: rule.params.clearAt, label: labels.clears })
  }
  return lines
}
