import { useMemo } from 'react'
import type { List, WorkOrder } from '../api-types.js'
import { useApiData, useSession } from '../session.js'
import { WorkOrderCard } from './work-order/work-order-card.js'
import { sortWorkOrders } from './work-orders-page.js'
import { ProblemMessage } from '../ui/problem-message.js'

const ACTIVE = new Set(['assigned', 'accepted', 'in_progress', 'reopened'])

/** The engineer's day on a phone: their work, soonest deadline first, updated live. */
export function MyWorkPage() {
  const { t, principal } = useSession()
  const { data, error } = useApiData<List<WorkOrder>>('/api/v1/work-orders?limit=500', (event) => event.kind === 'work_order')
  const mine = useMemo(
    () => sortWorkOrders((data?.items ?? []).filter((workOrder) => ACTIVE.has(workOrder.status) && (workOrder.assigneeId === principal.engineerId || workOrder.responsibleEngineerId === principal.engineerId)), 'deadline'),
    [data, principal.engineerId]
  )
  const waiting = useMemo(() => (data?.items ?? []).filter((workOrder) => workOrder.status === 'open'), [data])
  return (
    <section className="my-work">
      <h1>{t('myWorkTitle')}</h1>
      <ProblemMessage error={error} />
      {data === undefined ? <p>{t('loading')}</p> : mine.length === 0 ? <p>{t('myWorkEmpty')}</p> : null}
      <ul className="work-cards">
        {mine.map((workOrder) => (
          <WorkOrderCard key={workOrder.id} workOrder={workOrder} />
        ))}
      </ul>
      {waiting.length === 0 ? null : (
        <>
          <h2>{t('unassignedTitle', { count: waiting.length })}</h2>
          <ul className="work-cards">
            {waiting.map((workOrder) => (
              <WorkOrderCard key={workOrder.id} workOrder={workOrder} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
