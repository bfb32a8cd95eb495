import { useMemo, useState } from 'react'
import type { Locale, MessageKey, Translate } from '../../i18n.js'
import type { CsvTable } from './analytics-panel.js'
import type { Scorecard, ScorecardReport } from './analytics-types.js'
import { csvNumber, formatScore } from './analytics-units.js'

/** The dimensions of the default scorecard have translated names; others show the title the API gives. */
const KNOWN_DIMENSIONS = new Set(['service_quality', 'efficiency', 'safety_compliance', 'communication', 'improvement'])

interface Column {
  /** 'name', 'score' or a dimension id. */
  key: string
  title: string
  valueOf: (card: Scorecard) => string | number | null
}

function columnsOf(report: ScorecardReport, t: Translate): Column[] {
  const dimensions = report.items[0]?.dimensions ?? Object.keys(report.weights).map((id) => ({ id, title: id, weight: report.weights[id] ?? 0, score: null }))
  return [
    { key: 'name', title: t('scorecardEngineer'), valueOf: (card) => card.name },
    { key: 'score', title: t('scorecardScore'), valueOf: (card) => card.score },
    ...dimensions.map((dimension) => ({
      key: dimension.id,
      title: t('scorecardWeight', { title: KNOWN_DIMENSIONS.has(dimension.id) ? t(`dimension_${dimension.id}` as MessageKey) : dimension.title, weight: dimension.weight }),
      valueOf: (card: Scorecard) => card.dimensions.find((item) => item.id === dimension.id)?.score ?? null
    }))
  ]
}

/** The table's figures, scores to one decimal, in the API's order (best first). */
export function scorecardCsv(report: ScorecardReport, t: Translate): CsvTable {
  const columns = columnsOf(report, t)
  const cell = (column: Column, card: Scorecard) => {
    const value = column.valueOf(card)
    return typeof value === 'number' ? csvNumber(value, 1) : value
  }
  return { header: columns.map((column) => column.title), rows: report.items.map((card) => columns.map((column) => cell(column, card))) }
}

/** Engineers' scorecards as a table sortable by any column (a button in each header; aria-sort tells which). */
export function ScorecardTable({ report, locale, t }: { report: ScorecardReport; locale: Locale; t: Translate }) {
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: 'score', descending: true })
  const columns = useMemo(() => columnsOf(report, t), [report, t])
  const rows = useMemo(() => {
    const column = columns.find((candidate) => candidate.key === sort.key) ?? columns[1]
    if (column === undefined) return report.items
    const sign = sort.descending ? -1 : 1
    // No score sorts last either way: it is not a low score.
    return [...report.items].sort((a, b) => {
      const x = column.valueOf(a)
      const y = column.valueOf(b)
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), locale))
    })
  }, [report, columns, sort, locale])

  if (report.items.length === 0) return <p>{t('scorecardEmpty')}</p>
  return (
    <div className="table-scroll">
      <table data-testid="scorecards">
        <caption className="visually-hidden">{t('scorecardTitle')}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                <button type="button" className="sort" onClick={() => setSort((previous) => ({ key: column.key, descending: previous.key === column.key ? !previous.descending : column.key !== 'name' }))}>
                  {column.title}
                  <span aria-hidden="true">{sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((card) => (
            <tr key={card.engineerId} data-engineer={card.engineerId}>
              {columns.map((column, index) => {
                const value = column.valueOf(card)
                const text = typeof value === 'number' || value === null ? formatScore(value, locale, t) : value
                return index === 0 ? (
                  <th key={column.key} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={column.key}>{text}</td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
