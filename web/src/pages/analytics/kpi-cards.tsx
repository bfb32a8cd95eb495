import type { Locale, Translate } from '../../i18n.js'
import { formatValue } from '../../ui/format.js'
import type { CsvTable } from './analytics-panel.js'
import type { KpiReport } from './analytics-types.js'
import { csvNumber, csvPercent, formatRate } from './analytics-units.js'

/** One figure as shown on a card and written to the CSV. */
interface Kpi {
  id: string
  title: string
  /** The value with its unit, or "—". */
  value: string
  /** What the value is counted from ("2 of 3"), when that says more than the value. */
  detail?: string
  hint: string
  csv: readonly (string | number | null)[]
}

/**
 * MTBF over the equipment that failed, pooled: hours in service (period − downtime) over failures.
 * The API gives each equipment's MTBF = in-service hours / failures, so the sum of mtbf × failures
 * is the in-service hours.
 */
export function pooledMtbfHours(equipment: KpiReport['equipment']): { hours: number | null; failures: number } {
  const failures = equipment.reduce((sum, item) => sum + item.failures, 0)
  const inService = equipment.reduce((sum, item) => sum + item.mtbfHours * item.failures, 0)
  return { hours: failures === 0 ? null : inService / failures, failures }
}

function kpisOf(report: KpiReport, locale: Locale, t: Translate): Kpi[] {
  const { overall } = report
  const noData = t('analyticsNoData')
  const rateCard = (id: string, title: string, hint: string, rate: KpiReport['overall']['firstTimeFix']): Kpi => ({
    id,
    title,
    value: formatRate(rate, locale, t),
    detail: t('analyticsCountOf', { count: rate.count, of: rate.of }),
    hint: rate.rate === null ? `${noData}. ${hint}` : hint,
    csv: [title, csvPercent(rate.rate), t('unitPercent'), rate.count, rate.of]
  })
  const mttaMinutes = overall.mttaHours === null ? null : overall.mttaHours * 60
  const mtbf = pooledMtbfHours(report.equipment)
  const withNoData = (value: number | null, hint: string) => (value === null ? `${noData}. ${hint}` : hint)
  return [
    rateCard('responseInDeadline', t('kpiResponseInDeadline'), t('kpiResponseInDeadlineHint'), overall.responseWithinDeadline),
    rateCard('firstTimeFix', t('kpiFirstTimeFix'), t('kpiFirstTimeFixHint'), overall.firstTimeFix),
    {
      id: 'mtta',
      title: t('kpiMtta'),
      value: formatValue(mttaMinutes, t('unitMinutes'), locale, 0),
      hint: withNoData(mttaMinutes, t('kpiMttaHint')),
      csv: [t('kpiMtta'), csvNumber(mttaMinutes, 1), t('unitMinutes'), null, null]
    },
    {
      id: 'mttr',
      title: t('kpiMttr'),
      value: formatValue(overall.mttrHours, t('unitHours'), locale, 1),
      hint: withNoData(overall.mttrHours, t('kpiMttrHint')),
      csv: [t('kpiMttr'), csvNumber(overall.mttrHours), t('unitHours'), null, null]
    },
    {
      id: 'mtbf',
      title: t('kpiMtbf'),
      value: formatValue(mtbf.hours, t('unitHours'), locale, 0),
      ...(mtbf.hours === null ? {} : { detail: formatValue(mtbf.hours / 24, t('unitDays'), locale, 1) }),
      hint: mtbf.hours === null ? `${noData}. ${t('kpiMtbfNone')}` : t('kpiMtbfHint', { equipment: report.equipment.length, failures: mtbf.failures }),
      csv: [t('kpiMtbf'), csvNumber(mtbf.hours), t('unitHours'), mtbf.failures, report.equipment.length]
    },
    {
      id: 'rating',
      title: t('kpiRating'),
      value: overall.averageRating === null ? '—' : t('kpiRatingValue', { value: formatValue(overall.averageRating, '', locale, 1) }),
      hint: withNoData(overall.averageRating, t('kpiRatingHint', { count: overall.ratings })),
      csv: [t('kpiRating'), csvNumber(overall.averageRating), t('kpiRatingUnit'), overall.ratings, null]
    },
    {
      id: 'created',
      title: t('kpiCreated'),
      value: formatValue(overall.created, t('kpiCreatedUnit'), locale, 0),
      hint: t('kpiCreatedHint'),
      csv: [t('kpiCreated'), overall.created, t('kpiCreatedUnit'), null, null]
    }
  ]
}

/** The KPI figures as CSV: one row per card, the value unrounded enough to recompute with. */
export function kpiCsv(report: KpiReport, locale: Locale, t: Translate): CsvTable {
  return { header: [t('kpiCsvName'), t('kpiCsvValue'), t('kpiCsvUnit'), t('kpiCsvCount'), t('kpiCsvOf')], rows: kpisOf(report, locale, t).map((kpi) => kpi.csv) }
}

/** The KPIs as cards: the value with its unit, what it is counted from, and what it means. */
export function KpiCards({ report, locale, t }: { report: KpiReport; locale: Locale; t: Translate }) {
  return (
    <ul className="kpis">
      {kpisOf(report, locale, t).map((kpi) => (
        <li key={kpi.id} className="kpi" data-testid={`kpi-${kpi.id}`}>
          <h3>{kpi.title}</h3>
          <p className="kpi-value">
            <span data-testid="value">{kpi.value}</span>
            {kpi.detail === undefined ? null : (
              <span className="kpi-detail" data-testid="detail">
                {' '}
                ({kpi.detail})
              </span>
            )}
          </p>
          <p className="hint">{kpi.hint}</p>
        </li>
      ))}
    </ul>
  )
}
