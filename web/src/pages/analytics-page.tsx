import { useMemo, useState } from 'react'
import { queryString } from '../api-client.js'
import type { LiveEvent } from '../live-events.js'
import { useApiData, useSession } from '../session.js'
import { AnalyticsPanel } from './analytics/analytics-panel.js'
import type { Building, Equipment, HotSpotReport, KpiReport, RuleReport, ScorecardReport, SeasonalReport, Site } from './analytics/analytics-types.js'
import { HotSpotHeatmap, hotSpotCsv } from './analytics/hot-spot-heatmap.js'
import { hotSpotMatrix } from './analytics/hot-spot-matrix.js'
import { KpiCards, kpiCsv } from './analytics/kpi-cards.js'
import { RuleFalseAlarms, ruleCsv } from './analytics/rule-false-alarms.js'
import { ScorecardTable, scorecardCsv } from './analytics/scorecard-table.js'
import { SeasonalTrendChart, seasonalCsv } from './analytics/seasonal-trend-chart.js'

/** Work orders and alerts are what every figure here counts: either changing reloads them, so the KPIs move live. */
const figuresChanged = (event: LiveEvent) => event.kind === 'work_order' || event.kind === 'alert'
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The API's months are UTC calendar months, so "this month" is the UTC one. */
function currentMonth(): string {
  return new Date().toISOString().slice(0, 7)
}

/** The manager's analytics for a month and a site: KPIs, scorecards, hot spots, the seasonal trend and false alarms by rule, each downloadable as CSV. */
export default function AnalyticsPage() {
  const { t, locale } = useSession()
  const [month, setMonth] = useState(currentMonth)
  const [siteId, setSiteId] = useState('')
  const site = siteId === '' ? undefined : siteId
  const scope = queryString({ siteId: site })
  const period = queryString({ month, siteId: site })

  const sites = useApiData<{ items: Site[] }>('/api/v1/sites')
  const buildings = useApiData<{ items: Building[] }>(`/api/v1/buildings${scope}`)
  const equipment = useApiData<{ items: Equipment[] }>(`/api/v1/equipment${scope}`)
  const kpis = useApiData<KpiReport>(`/api/v1/analytics/kpis${period}`, figuresChanged)
  const hotSpots = useApiData<HotSpotReport>(`/api/v1/analytics/hot-spots${queryString({ month, siteId: site, limit: 100 })}`, figuresChanged)
  const seasonal = useApiData<SeasonalReport>(`/api/v1/analytics/seasonal${queryString({ year: month.slice(0, 4), siteId: site })}`, figuresChanged)
  const rules = useApiData<RuleReport>(`/api/v1/analytics/rules${period}`, figuresChanged)
  // Scorecards are monthly and cover every site: the API has no site filter for them.
  const scorecards = useApiData<ScorecardReport>(`/api/v1/analytics/scorecards${queryString({ month })}`, figuresChanged)

  const matrix = useMemo(
    () => (hotSpots.data === undefined || buildings.data === undefined || equipment.data === undefined ? undefined : hotSpotMatrix(hotSpots.data, sites.data?.items ?? [], buildings.data.items, equipment.data.items)),
    [hotSpots.data, sites.data, buildings.data, equipment.data]
  )
  const truncated = [kpis.data, hotSpots.data, seasonal.data, rules.data, scorecards.data].some((report) => report?.truncated === true)
  const fileName = (what: string) => `vigil-${what}-${what === 'seasonal' ? month.slice(0, 4) : month}${site === undefined ? '' : `-${site}`}.csv`

  return (
    <section className="analytics">
      <h1>{t('analyticsTitle')}</h1>
      <div className="filters">
        <div>
          <label>
            {t('analyticsMonth')}
            <input
              type="month"
              defaultValue={month}
              required
              aria-describedby="analytics-month-hint"
              data-testid="analytics-month"
              onChange={(event) => {
                // A month being typed is '' until it is whole: keep the last whole one.
                if (MONTH.test(event.target.value)) setMonth(event.target.value)
              }}
            />
          </label>
          <span id="analytics-month-hint" className="hint">
            {t('analyticsMonthHint')}
          </span>
        </div>
        <label>
          {t('analyticsSite')}
          <select value={siteId} onChange={(event) => setSiteId(event.target.value)} data-testid="analytics-site">
            <option value="">{t('analyticsAllSites')}</option>
            {(sites.data?.items ?? []).map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {sites.error === undefined ? null : (
        <p role="alert" className="error">
          {sites.error}
        </p>
      )}
      {truncated ? (
        <p role="status" className="analytics-warning">
          {t('analyticsTruncated')}
        </p>
      ) : null}

      <AnalyticsPanel id="kpis" title={t('kpiTitle')} hint={t('kpiHint')} error={kpis.error} csv={kpis.data === undefined ? undefined : kpiCsv(kpis.data, locale, t)} fileName={fileName('kpis')}>
        {kpis.data === undefined ? null : <KpiCards report={kpis.data} locale={locale} t={t} />}
      </AnalyticsPanel>

      <AnalyticsPanel id="scorecards" title={t('scorecardTitle')} hint={t('scorecardHint')} error={scorecards.error} csv={scorecards.data === undefined ? undefined : scorecardCsv(scorecards.data, t)} fileName={fileName('scorecards')}>
        {scorecards.data === undefined ? null : <ScorecardTable report={scorecards.data} locale={locale} t={t} />}
      </AnalyticsPanel>

      <AnalyticsPanel
        id="hot-spots"
        title={t('hotSpotsTitle')}
        hint={t('hotSpotsHint')}
        error={hotSpots.error ?? buildings.error ?? equipment.error}
        csv={matrix === undefined ? undefined : hotSpotCsv(matrix, t)}
        fileName={fileName('hot-spots')}
      >
        {matrix === undefined ? null : <HotSpotHeatmap matrix={matrix} showSite={site === undefined} t={t} />}
      </AnalyticsPanel>

      <AnalyticsPanel
        id="seasonal"
        title={t('seasonalTitle', { year: month.slice(0, 4) })}
        hint={t('seasonalHint')}
        error={seasonal.error}
        csv={seasonal.data === undefined ? undefined : seasonalCsv(seasonal.data, t)}
        fileName={fileName('seasonal')}
      >
        {seasonal.data === undefined ? null : <SeasonalTrendChart report={seasonal.data} locale={locale} t={t} />}
      </AnalyticsPanel>

      <AnalyticsPanel id="rules" title={t('rulesTitle')} hint={t('rulesHint')} error={rules.error} csv={rules.data === undefined ? undefined : ruleCsv(rules.data, t)} fileName={fileName('rules')}>
        {rules.data === undefined ? null : <RuleFalseAlarms report={rules.data} locale={locale} t={t} />}
      </AnalyticsPanel>
    </section>
  )
}
