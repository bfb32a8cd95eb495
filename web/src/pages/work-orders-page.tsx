import { useMemo, useState } from 'react'
import type { List, WorkOrder, WorkOrderStatus } from '../api-types.js'
import { queryString } from '../api-client.js'
import { useApiData, useSession } from '../session.js'
import { WorkOrderCard } from './work/work-order-card.js'

const STATUSES: readonly WorkOrderStatus[] = ['open', 'assigned', 'accepted', 'in_progress', 'reopened', 'resolved', 'closed', 'cancelled']
const ACTIVE = new Set<WorkOrderStatus>(['open', 'assigned', 'accepted', 'in_progress', 'reopened'])
const PRIORITY_RANK = { urgent: 0, normal: 1, low: 2 } as const
type Sort = 'deadline' | 'newest' | 'priority'

/** Work orders in the order a user works them: by response deadline, or newest, or by priority. */
export function sortWorkOrders(list: readonly WorkOrder[], sort: Sort): WorkOrder[] {
  const copy = [...list]
  if (sort === 'newest') return copy.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  if (sort === 'priority') return copy.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.responseDueAt.localeCompare(b.responseDueAt))
  return copy.sort((a, b) => a.responseDueAt.localeCompare(b.responseDueAt))
}

/** Every work order, filtered and sorted, updated live. */
export function WorkOrdersPage() {
  const { t } = useSession()
  const [status, setStatus] = useState<'' | 'active' | WorkOrderStatus>('active')
  const [priority, setPriority] = useState('')
  const [sort, setSort] = useState<Sort>('deadline')
  const path = `/api/v1/work-orders${queryString({ status: status === 'active' ? undefined : status, limit: 500 })}`
  const { data, error } = useApiData<List<WorkOrder>>(path, (event) => event.kind === 'work_order')
  const shown = useMemo(
    () => sortWorkOrders((data?.items ?? []).filter((workOrder) => (status !== 'active' || ACTIVE.has(workOrder.status)) && (priority === '' || workOrder.priority === priority)), sort),
    [data, status, priority, sort]
  )
  return (
    <section>
      <h1>{t('workOrdersTitle')}</h1>
      <div className="filters">
        <label>
          {t('colStatus')}
          <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
            <option value="active">{t('activeOnly')}</option>
            <option value="">{t('all')}</option>
            {STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`status_${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('colPriority')}
          <select value={priority} onChange={(event) => setPriority(event.target.value)}>
            <option value="">{t('all')}</option>
            {(['urgent', 'normal', 'low'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`priority_${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sortBy')}
          <select value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
            <option value="deadline">{t('sort_deadline')}</option>
            <option value="newest">{t('sort_newest')}</option>
            <option value="priority">{t('sort_priority')}</option>
          </select>
        </label>
      </div>
      {error === undefined ? null : <p role="alert" className="error">{error}</p>}
      {data === undefined ? <p>{t('loading')}</p> : shown.length === 0 ? <p>{t('noWorkOrders')}</p> : null}
      <ul className="work-cards">
        {shown.map((workOrder) => (
          <WorkOrderCard key={workOrder.id} workOrder={workOrder} />
        ))}
      </ul>
    </section>
  )
}
