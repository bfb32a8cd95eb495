import { useMemo } from 'react'
import { Chart } from '../../charts/chart.js'
import type { EChartsCoreOption } from '../../charts/echarts-core.js'
import type { Translate } from '../../i18n.js'
import type { CsvTable } from './analytics-panel.js'
import type { HotSpotColumn, HotSpotMatrix } from './hot-spot-matrix.js'

export function typeName(type: HotSpotColumn, t: Translate): string {
  return type === 'unknown' ? t('typeUnknown') : t(`type_${type}`)
}

/** Every cell of the heat map, zeros included: what the chart draws. */
export function hotSpotCsv(matrix: HotSpotMatrix, t: Translate): CsvTable {
  return {
    header: [t('analyticsSite'), t('hotSpotsBuilding'), t('hotSpotsType'), t('hotSpotsAlerts'), t('hotSpotsWorkOrders'), t('hotSpotsFaults')],
    rows: matrix.buildings.flatMap((building, row) => matrix.types.map((type, column) => {
      const cell = matrix.cells[row]?.[column]
      return [building.siteName, building.name, typeName(type, t), cell?.alerts ?? 0, cell?.workOrders ?? 0, cell?.total ?? 0]
    }))
  }
}

/**
 * Faults by building (rows) × equipment type (columns): a heat map, and the same figures as a table.
 * With every site shown, a building is named with its site (two sites may both have a "Tower A").
 */
export function HotSpotHeatmap({ matrix, showSite, t }: { matrix: HotSpotMatrix; showSite: boolean; t: Translate }) {
  const rowNames = useMemo(() => matrix.buildings.map((building) => (showSite ? `${building.siteName} · ${building.name}` : building.name)), [matrix, showSite])
  const option = useMemo((): EChartsCoreOption => {
    const types = matrix.types.map((type) => typeName(type, t))
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      tooltip: {
        position: 'top',
        formatter: (params: { value: [number, number, number] }) => {
          const [column, row] = params.value
          const cell = matrix.cells[row]?.[column]
          return `${rowNames[row] ?? ''} · ${types[column] ?? ''}<br>${t('hotSpotsTooltip', { faults: cell?.total ?? 0, alerts: cell?.alerts ?? 0, workOrders: cell?.workOrders ?? 0 })}`
        }
      },
      xAxis: { type: 'category', data: types, splitArea: { show: true }, axisLabel: { color: '#1b1f24' } },
      // Rows top-down, as in the table below.
      yAxis: { type: 'category', data: rowNames, inverse: true, splitArea: { show: true }, axisLabel: { color: '#1b1f24' } },
      visualMap: { min: 0, max: Math.max(1, matrix.maxTotal), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: [t('hotSpotsFaults'), '0'], inRange: { color: ['#eef3f8', '#f0b429', '#a4161a'] } },
      series: [
        {
          type: 'heatmap',
          name: t('hotSpotsFaults'),
          data: matrix.buildings.flatMap((_, row) => matrix.types.map((__, column) => [column, row, matrix.cells[row]?.[column]?.total ?? 0])),
          // No fixed colour: ECharts picks dark or light text for each cell's colour.
          label: { show: true },
          emphasis: { itemStyle: { borderColor: '#16324f', borderWidth: 2 } }
        }
      ]
    }
  }, [matrix, rowNames, t])

  return (
    <>
      {matrix.maxTotal === 0 ? <p>{t('hotSpotsEmpty')}</p> : null}
      <Chart option={option} label={t('hotSpotsChart')} height={Math.max(220, 120 + 44 * matrix.buildings.length)} testId="hot-spots-chart" />
      <div className="table-scroll">
        <table data-testid="hot-spots-table">
          <caption>{t('hotSpotsTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hotSpotsBuilding')}</th>
              {matrix.types.map((type) => (
                <th key={type} scope="col">
                  {typeName(type, t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.buildings.map((building, row) => (
              <tr key={building.id}>
                <th scope="row">{rowNames[row]}</th>
                {matrix.types.map((type, column) => {
                  const cell = matrix.cells[row]?.[column]
                  return (
                    <td key={type} title={t('hotSpotsTooltip', { faults: cell?.total ?? 0, alerts: cell?.alerts ?? 0, workOrders: cell?.workOrders ?? 0 })}>
                      {cell?.total ?? 0}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
