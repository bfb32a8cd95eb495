import { useMemo } from 'react'
import { Chart } from '../../charts/chart.js'
import type { EChartsCoreOption } from '../../charts/echarts-core.js'
import type { Locale, Translate } from '../../i18n.js'
import type { CsvTable } from './analytics-panel.js'
import type { SeasonalReport } from './analytics-types.js'
import { EQUIPMENT_TYPES } from './analytics-types.js'
import { csvNumber } from './analytics-units.js'

/** Bar colours per equipment type, each distinct from the others and from the alerts line. */
const TYPE_COLOURS = { elevator: '#2b6cb0', pump: '#2f855a', fire_system: '#c05621' } as const

export function seasonalCsv(report: SeasonalReport, t: Translate): CsvTable {
  return {
    header: [t('seasonalMonth'), t('hotSpotsType'), t('seasonalAlerts'), t('seasonalFailures'), t('seasonalMttrHours')],
    rows: report.items.map((item) => [item.month, t(`type_${item.equipmentType}`), item.alerts, item.failures, csvNumber(item.mttrHours)])
  }
}

/** Twelve months of one year: failures stacked by equipment type, alerts opened (all types) as a line. */
export function SeasonalTrendChart({ report, locale, t }: { report: SeasonalReport; locale: Locale; t: Translate }) {
  const option = useMemo((): EChartsCoreOption => {
    const months = [...new Set(report.items.map((item) => item.month))].sort()
    const monthName = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
    const sum = (month: string, pick: (item: SeasonalReport['items'][number]) => number, type?: string) =>
      report.items.filter((item) => item.month === month && (type === undefined || item.equipmentType === type)).reduce((total, item) => total + pick(item), 0)
    const types = EQUIPMENT_TYPES.filter((type) => report.items.some((item) => item.equipmentType === type))
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: '#1b1f24' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months.map((month) => monthName.format(new Date(`${month}-01T00:00:00Z`))), axisLabel: { color: '#1b1f24' } },
      yAxis: { type: 'value', minInterval: 1, name: t('seasonalCount'), axisLabel: { color: '#1b1f24' } },
      series: [
        ...types.map((type) => ({ type: 'bar', stack: 'failures', name: t('seasonalFailuresOf', { type: t(`type_${type}`) }), color: TYPE_COLOURS[type], data: months.map((month) => sum(month, (item) => item.failures, type)) })),
        { type: 'line', name: t('seasonalAlerts'), color: '#1b1f24', sampling: 'lttb', symbolSize: 6, data: months.map((month) => sum(month, (item) => item.alerts)) }
      ]
    }
  }, [report, locale, t])
  return <Chart option={option} label={t('seasonalChart', { year: report.year })} testId="seasonal-chart" />
}
