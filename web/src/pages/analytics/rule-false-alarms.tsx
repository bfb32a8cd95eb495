import { useMemo } from 'react'
import { Chart } from '../../charts/chart.js'
import type { EChartsCoreOption } from '../../charts/echarts-core.js'
import type { Locale, Translate } from '../../i18n.js'
import type { CsvTable } from './analytics-panel.js'
import type { RuleReport } from './analytics-types.js'
import { csvPercent, formatRate, formatRateOf } from './analytics-units.js'

export function ruleCsv(report: RuleReport, t: Translate): CsvTable {
  const percent = `${t('rulesFalseAlarm')} (${t('unitPercent')})`
  return {
    header: [t('rulesRule'), t('rulesAlerts'), t('rulesWithWorkOrder'), t('rulesRealFix'), `${t('rulesRealFix')} (${t('unitPercent')})`, t('rulesFalseAlarms'), percent],
    rows: report.items.map((rule) => [rule.ruleId, rule.alerts, rule.withWorkOrder, rule.realFix.count, csvPercent(rule.realFix.rate), rule.falseAlarm.count, csvPercent(rule.falseAlarm.rate)])
  }
}

/** Each detection rule's false-alarm rate, highest first (the API's order): a bar chart and a table. */
export function RuleFalseAlarms({ report, locale, t }: { report: RuleReport; locale: Locale; t: Translate }) {
  const option = useMemo((): EChartsCoreOption => {
    // Highest first reads top-down: ECharts draws a category y axis bottom-up.
    const rules = [...report.items].reverse()
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: `{value} ${t('unitPercent')}`, color: '#1b1f24' } },
      yAxis: { type: 'category', data: rules.map((rule) => rule.ruleId), axisLabel: { color: '#1b1f24' } },
      series: [
        {
          type: 'bar',
          name: t('rulesFalseAlarm'),
          color: '#a4161a',
          data: rules.map((rule) => csvPercent(rule.falseAlarm.rate) ?? 0),
          label: { show: true, position: 'right', color: '#1b1f24', formatter: `{c} ${t('unitPercent')}` }
        }
      ]
    }
  }, [report, t])

  if (report.items.length === 0) return <p>{t('rulesEmpty')}</p>
  return (
    <>
      <Chart option={option} label={t('rulesChart')} height={48 + 36 * report.items.length} testId="rules-chart" />
      <div className="table-scroll">
        <table data-testid="rules-table">
          <caption className="visually-hidden">{t('rulesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rulesRule')}</th>
              <th scope="col">{t('rulesAlerts')}</th>
              <th scope="col">{t('rulesWithWorkOrder')}</th>
              <th scope="col">{t('rulesRealFix')}</th>
              <th scope="col">{t('rulesFalseAlarm')}</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((rule) => (
              <tr key={rule.ruleId} data-rule={rule.ruleId}>
                <th scope="row">{rule.ruleId}</th>
                <td>{rule.alerts}</td>
                <td>{rule.withWorkOrder}</td>
                <td>{formatRateOf(rule.realFix, locale, t)}</td>
                <td data-testid="false-alarm">{rule.falseAlarm.rate === null ? formatRate(null, locale, t) : formatRateOf(rule.falseAlarm, locale, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
