import { useMemo, useState } from 'react'
import type { List, WorkOrder, WorkOrderStatus } from '../api-types.js'
import { queryString } from '../api-client.js'
import { useApiData, useSession } from '../session.js'
import { FilterSelect } from '../ui/filter-select.js'
import { WorkOrderCard } from './work-order/work-order-card.js'
import { ProblemMessage } from '../ui/problem-message.js'

const STATUSES: readonly WorkOrderStatus[] = ['open', 'assigned', 'accepted', 'in_progress', 'reopened', 'resolved', 'closed', 'cancelled']
const PRIORITIES = ['urgent', 'normal', 'low'] as const
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
  const [priority, setPriority] = useState<'' | (typeof PRIORITIES)[number]>('')
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
        <FilterSelect label={t('colStatus')} value={status} onChange={setStatus} options={[['active', t('activeOnly')], ['', t('all')], ...STATUSES.map((option) => [option, t(`status_${option}`)] as const)]} />
        <FilterSelect label={t('colPriority')} value={priority} onChange={setPriority} options={[['', t('all')], ...PRIORITIES.map((option) => [option, t(`priority_${option}`)] as const)]} />
        <FilterSelect label={t('sortBy')} value={sort} onChange={setSort} options={[['deadline', t('sort_deadline')], ['newest', t('sort_newest')], ['priority', t('sort_priority')]]} />
      </div>
      <ProblemMessage error={error} />
      {data === undefined ? <p>{t('loading')}</p> : shown.length === 0 ? <p>{t('noWorkOrders')}</p> : null}
      <ul className="work-cards">
        {shown.map((workOrder) => (
          <WorkOrderCard key={workOrder.id} workOrder={workOrder} />
        ))}
      </ul>
    </section>
  )
}
