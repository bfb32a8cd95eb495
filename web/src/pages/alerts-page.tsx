import { useMemo, useState } from 'react'
import type { Alert, List } from '../api-types.js'
import { queryString } from '../api-client.js'
import { METRIC_CATALOG } from '../../../core/domain/metric-catalog.js'
import { hrefOf } from '../router.js'
import { useApiAction, useApiData, useSession } from '../session.js'
import { FilterSelect } from '../ui/filter-select.js'
import { formatTime, formatValue } from '../ui/format.js'
import { useSiteTimeZones } from '../ui/site-time-zones.js'
import { ProblemMessage } from '../ui/problem-message.js'

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const
const SEVERITIES = ['critical', 'warning', 'info'] as const
const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'closed'] as const
type Sort = 'newest' | 'severity'

/** Alerts, filtered and sorted, updated live; acknowledge or close from the list. */
export function AlertsPage() {
  const { t, locale, principal } = useSession()
  const [status, setStatus] = useState<'' | Alert['status']>('open')
  const [severity, setSeverity] = useState<'' | (typeof SEVERITIES)[number]>('')
  const [sort, setSort] = useState<Sort>('newest')
  const { data, error, reload } = useApiData<List<Alert>>(`/api/v1/alerts${queryString({ status, limit: 500 })}`, (event) => event.kind === 'alert')
  const action = useApiAction()
  const zones = useSiteTimeZones()
  const shown = useMemo(() => {
    const list = (data?.items ?? []).filter((alert) => severity === '' || alert.severity === severity)
    return sort === 'severity' ? list.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.openedAt.localeCompare(a.openedAt)) : list
  }, [data, severity, sort])
  const canAct = principal.role === 'admin' || principal.role === 'manager' || principal.role === 'engineer'

  async function act(alert: Alert, verb: 'acknowledge' | 'close') {
    if ((await action.run('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}/${verb}`, {})) !== undefined) reload()
  }

  return (
    <section>
      <h1>{t('alertsTitle')}</h1>
      <div className="filters">
        <FilterSelect label={t('colStatus')} value={status} onChange={setStatus} options={[['', t('all')], ...ALERT_STATUSES.map((option) => [option, t(`alertStatus_${option}`)] as const)]} />
        <FilterSelect label={t('colSeverity')} value={severity} onChange={setSeverity} options={[['', t('all')], ...SEVERITIES.map((option) => [option, t(`severity_${option}`)] as const)]} />
        <FilterSelect label={t('sortBy')} value={sort} onChange={setSort} options={[['newest', t('sort_newest')], ['severity', t('sort_severity')]]} />
      </div>
      <ProblemMessage error={error} />
      <ProblemMessage error={action.error} />
      {data === undefined ? (
        <p>{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p>{t('noAlerts')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colOpened')}</th>
              <th scope="col">{t('colSeverity')}</th>
              <th scope="col">{t('equipmentLabel')}</th>
              <th scope="col">{t('colWhat')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colWorkOrder')}</th>
              {canAct ? <th scope="col">{t('actionsTitle')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((alert) => (
              <tr key={alert.id} data-alert={alert.id}>
                <td>{formatTime(alert.openedAt, zones.get(alert.siteId), locale)}</td>
                <td className={`severity-${alert.severity}`}>{t(`severity_${alert.severity}`)}</td>
                <td>
                  <a href={hrefOf({ page: 'equipment', id: alert.equipmentId })}>{alert.equipmentId}</a>
                </td>
                <td>
                  {alert.explanation.message}
                  <div className="hint">{t('alertValue', { value: formatValue(alert.explanation.value, unitOf(alert), locale), limit: formatValue(alert.explanation.limit, unitOf(alert), locale), metric: alert.metric })}</div>
                </td>
                <td>{t(`alertStatus_${alert.status}`)}</td>
                <td>{alert.workOrderId === undefined ? '—' : <a href={hrefOf({ page: 'work-order', id: alert.workOrderId })}>{alert.workOrderId}</a>}</td>
                {canAct ? (
                  <td>
                    {alert.status === 'open' ? (
                      <button type="button" className="secondary" onClick={() => void act(alert, 'acknowledge')} disabled={action.busy}>
                        {t('acknowledge')}
                      </button>
                    ) : null}{' '}
                    {alert.status !== 'closed' ? (
                      <button type="button" className="secondary" onClick={() => void act(alert, 'close')} disabled={action.busy}>
                        {t('closeAlert')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

const unitOf = (alert: Alert): string => METRIC_CATALOG[alert.equipmentType][alert.metric]?.unit ?? ''
