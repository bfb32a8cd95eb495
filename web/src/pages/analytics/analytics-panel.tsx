import type { ReactNode } from 'react'
import { downloadCsv, toCsv } from '../../csv.js'
import { useSession } from '../../session.js'

/** The figures behind a chart or table, as the CSV its button downloads. */
export interface CsvTable {
  header: readonly string[]
  rows: readonly (readonly (string | number | null | undefined)[])[]
}

/**
 * One part of the Analytics page: a heading, what it counts, its chart or table, and a button that
 * downloads the same figures as CSV. The API's problem+json message shows in place of the content.
 */
export function AnalyticsPanel({ id, title, hint, error, csv, fileName, children }: { id: string; title: string; hint: string; error: string | undefined; csv: CsvTable | undefined; fileName: string; children: ReactNode }) {
  const { t } = useSession()
  const headingId = `analytics-${id}-title`
  return (
    <section className="analytics-panel" aria-labelledby={headingId} data-testid={`panel-${id}`}>
      <div className="analytics-panel-head">
        <h2 id={headingId}>{title}</h2>
        {csv === undefined ? null : (
          <button type="button" className="secondary" aria-label={t('analyticsDownloadCsvOf', { what: title })} data-testid={`csv-${id}`} onClick={() => downloadCsv(fileName, toCsv(csv.header, csv.rows))}>
            {t('downloadCsv')}
          </button>
        )}
      </div>
      <p className="hint">{hint}</p>
      {error !== undefined ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : csv === undefined ? (
        <p>{t('loading')}</p>
      ) : (
        children
      )}
    </section>
  )
}
