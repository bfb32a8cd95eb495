import { useMemo, useState } from 'react'
import { METRIC_CATALOG } from '../../../../core/domain/metric-catalog.js'
import type { Alert, Equipment, HealthReport, Rule, TelemetryTrend } from '../../api-types.js'
import { Chart } from '../../charts/chart.js'
import type { LiveEvent } from '../../live-events.js'
import { queryString } from '../../api-client.js'
import { useApiData, useSession } from '../../session.js'
import { formatTime, formatValue } from '../../ui/format.js'
import type { HealthChange } from '../../ui/health-band.js'
import type { ForecastLine } from './trend-chart-option.js'
import { thresholdsOf, trendChartOption } from './trend-chart-option.js'
import { ProblemMessage } from '../../ui/problem-message.js'

/** The ranges a manager picks from, hour to year. */
export const RANGES = [
  { id: '1h', ms: 3_600_000 },
  { id: '6h', ms: 6 * 3_600_000 },
  { id: '24h', ms: 86_400_000 },
  { id: '7d', ms: 7 * 86_400_000 },
  { id: '30d', ms: 30 * 86_400_000 },
  { id: '1y', ms: 365 * 86_400_000 }
] as const
type RangeId = (typeof RANGES)[number]['id']

/** About this many buckets from the API; the chart thins them to its width with LTTB. */
const BUCKETS = 1200

/** One metric's trend over a chosen range, with its limits, alert periods and forecast. */
export function MetricTrend({ equipment, health, alerts, rules, timeZone }: { equipment: Equipment; health: HealthReport | undefined; alerts: readonly Alert[]; rules: readonly Rule[]; timeZone: string | undefined }) {
  const { t, locale } = useSession()
  const metrics = Object.entries(METRIC_CATALOG[equipment.type])
  // Open on the metric the worst reason is about, else the first one.
  const [metric, setMetric] = useState(() => health?.reasons.find((reason) => reason.metric !== undefined)?.metric ?? metrics[0]?.[0] ?? '')
  const [range, setRange] = useState<RangeId>('24h')
  const spanMs = RANGES.find((option) => option.id === range)?.ms ?? 86_400_000
  const path = useMemo(() => {
    const every = `${Math.max(1, Math.ceil(spanMs / BUCKETS / 1000))}s`
    return `/api/v1/equipment/${encodeURIComponent(equipment.id)}/telemetry${queryString({ metric, from: new Date(Date.now() - spanMs).toISOString(), every })}`
  }, [equipment.id, metric, spanMs])
  // Each health report (every minute) is a good moment to draw the newest readings.
  const concernsThis = (event: LiveEvent) => event.kind === 'health' && (event.data as { changes: HealthChange[] }).changes.some((change) => change.equipmentId === equipment.id)
  const { data: trend, error } = useApiData<TelemetryTrend>(path, concernsThis)
  const unit = METRIC_CATALOG[equipment.type][metric]?.unit ?? ''
  const format = (ms: number) => formatTime(ms, timeZone, locale)

  const forecast = useMemo(() => forecastOf(health, alerts, rules, metric, trend), [health, alerts, rules, metric, trend])
  const option = useMemo(() => {
    if (trend === undefined) return undefined
    const alertPeriods = alerts
      .filter((alert) => alert.metric === metric)
      .map((alert) => ({ fromMs: Date.parse(alert.openedAt), toMs: Date.parse(alert.resolvedAt ?? alert.closedAt ?? new Date().toISOString()), label: alert.ruleId }))
    return trendChartOption({
      points: trend.points,
      unit,
      seriesName: t('trendMean'),
      rangeName: t('trendRange'),
      thresholds: thresholdsOf(rules, metric, { limit: t('trendLimit'), clears: t('trendClears') }),
      alertPeriods,
      forecast: forecast === undefined ? undefined : { ...forecast, label: t('trendForecast') },
      formatTime: format
    })
    // `format` and `t` follow locale and timeZone, which are listed instead.
  }, [trend, alerts, rules, metric, unit, forecast, locale, timeZone])

  const latest = trend?.points.at(-1)
  return (
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t('trendTitle')}</h2>
      <div className="filters">
        <label>
          {t('trendMetric')}
          <select value={metric} onChange={(event) => setMetric(event.target.value)}>
            {metrics.map(([name, info]) => (
              <option key={name} value={name}>
                {info.description} ({info.unit})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('trendRangeLabel')}
          <select value={range} onChange={(event) => setRange(event.target.value as RangeId)}>
            {RANGES.map((option) => (
              <option key={option.id} value={option.id}>
                {t(`range_${option.id}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemMessage error={error} />
      {option === undefined ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p className="hint" data-testid="trend-summary">
            {trend?.points.length === 0 ? t('trendNoReadings') : t('trendLatest', { value: formatValue(latest?.mean, unit, locale), at: latest === undefined ? '—' : format(Date.parse(latest.ts)) })}
          </p>
          <Chart option={option} label={t('trendChartLabel', { metric, range: t(`range_${range}`) })} testId="trend-chart" height={360} />
        </>
      )}
      {forecast === undefined ? null : (
        <p className="forecast" data-testid="forecast">
          {t('forecastText', {
            metric: METRIC_CATALOG[equipment.type][metric]?.description ?? metric,
            limit: formatValue(forecast.limit, unit, locale),
            crossing: format(forecast.crossingMs),
            earliest: format(forecast.earliestMs),
            latest: format(forecast.latestMs)
          })}
        </p>
      )}
    </section>
  )
}

/**
 * The forecast for this metric: from an open forecast alert (the rule has fired: preventive work is
 * open) or, before that, from the health report's forecast reason.
 */
function forecastOf(health: HealthReport | undefined, alerts: readonly Alert[], rules: readonly Rule[], metric: string, trend: TelemetryTrend | undefined): Omit<ForecastLine, 'label'> | undefined {
  const last = trend?.points.at(-1)
  const fromAlert = alerts.find((alert) => alert.metric === metric && alert.status !== 'closed' && alert.status !== 'resolved' && alert.explanation.forecast !== undefined)
  const fromHealth = health?.reasons.find((reason) => reason.metric === metric && reason.forecast !== undefined)?.forecast
  const forecast = fromAlert?.explanation.forecast ?? fromHealth
  if (forecast === undefined) return undefined
  const limit = fromAlert?.explanation.limit ?? fromHealth?.limit ?? rules.find((rule) => rule.metric === metric && rule.detector === 'trend')?.params.above
  if (limit === undefined) return undefined
  const fromMs = last === undefined ? Date.now() : Date.parse(last.ts)
  return {
    fromMs,
    fromValue: last?.mean ?? limit,
    crossingMs: Date.parse(forecast.crossingAt),
    earliestMs: Date.parse(forecast.earliest),
    latestMs: Date.parse(forecast.latest),
    limit
  }
}
