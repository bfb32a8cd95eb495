import type { Alert, WorkOrder } from '../../api-types.js'
import { hrefOf } from '../../router.js'
import { useSession } from '../../session.js'
import { formatTime } from '../../ui/format.js'

/** Alerts and work orders of one equipment, newest first. */
export function EquipmentHistory({ alerts, workOrders, timeZone }: { alerts: readonly Alert[]; workOrders: readonly WorkOrder[]; timeZone: string | undefined }) {
  const { t, locale } = useSession()
  const time = (at: string | undefined) => (at === undefined ? '—' : formatTime(at, timeZone, locale))
  return (
    <>
      <section aria-labelledby="alert-history-heading">
        <h2 id="alert-history-heading">{t('alertHistory')}</h2>
        {alerts.length === 0 ? (
          <p>{t('noAlerts')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colOpened')}</th>
                <th scope="col">{t('colSeverity')}</th>
                <th scope="col">{t('colWhat')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colWorkOrder')}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={alert.id}>
                  <td>{time(alert.openedAt)}</td>
                  <td className={`severity-${alert.severity}`}>{t(`severity_${alert.severity}`)}</td>
                  <td>{alert.explanation.message}</td>
                  <td>{t(`alertStatus_${alert.status}`)}</td>
                  <td>{alert.workOrderId === undefined ? '—' : <a href={hrefOf({ page: 'work-order', id: alert.workOrderId })}>{alert.workOrderId}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="wo-history-heading">
        <h2 id="wo-history-heading">{t('workOrderHistory')}</h2>
        {workOrders.length === 0 ? (
          <p>{t('noWorkOrders')}</p>
        ) : (
          <table data-testid="equipment-work-orders">
            <thead>
              <tr>
                <th scope="col">{t('colOpened')}</th>
                <th scope="col">{t('colWorkOrder')}</th>
                <th scope="col">{t('colPriority')}</th>
                <th scope="col">{t('colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {workOrders.map((workOrder) => (
                <tr key={workOrder.id} data-work-order={workOrder.id}>
                  <td>{time(workOrder.createdAt)}</td>
                  <td>
                    <a href={hrefOf({ page: 'work-order', id: workOrder.id })}>
                      {workOrder.id} · {workOrder.title}
                    </a>{' '}
                    {workOrder.kind === 'preventive' ? <span className="badge">{t('kind_preventive')}</span> : null}
                  </td>
                  <td>{t(`priority_${workOrder.priority}`)}</td>
                  <td>{t(`status_${workOrder.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
