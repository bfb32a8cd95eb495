import type { WorkOrder } from '../../api-types.js'
import { hrefOf } from '../../router.js'
import { useSession } from '../../session.js'
import { DeadlineCountdown } from './deadline-countdown.js'

/** A work order in a list: a big tap target on a phone, a row of facts on a desk. */
export function WorkOrderCard({ workOrder, equipmentName }: { workOrder: WorkOrder; equipmentName?: string | undefined }) {
  const { t } = useSession()
  return (
    <li className={`work-card priority-${workOrder.priority}`} data-work-order={workOrder.id} data-status={workOrder.status}>
      <a href={hrefOf({ page: 'work-order', id: workOrder.id })}>
        <strong>{workOrder.title}</strong>
        <span className="hint">
          {workOrder.id} · {equipmentName ?? workOrder.equipmentId}
        </span>
        <span>
          <span className={`badge priority-badge-${workOrder.priority}`}>{t(`priority_${workOrder.priority}`)}</span> <span className="badge">{t(`kind_${workOrder.kind}`)}</span>{' '}
          <span className="badge" data-testid="status">
            {t(`status_${workOrder.status}`)}
          </span>{' '}
          <DeadlineCountdown workOrder={workOrder} />
        </span>
      </a>
    </li>
  )
}
