import { useEffect, useState } from 'react'
import type { Equipment, List, WorkOrder } from '../api-types.js'
import type { LiveEvent } from '../live-events.js'
import { hrefOf } from '../router.js'
import { useApiData, useSession } from '../session.js'
import { formatTime } from '../ui/format.js'
import { useSiteTimeZones } from '../ui/site-time-zones.js'
import { CheckIn } from './work-order/check-in.js'
import { DeadlineCountdown } from './work-order/deadline-countdown.js'
import { FieldNotes } from './work-order/field-notes.js'
import { WorkOrderActions } from './work-order/work-order-actions.js'
import { WorkOrderChecklist } from './work-order/work-order-checklist.js'
import { WorkOrderPhotos } from './work-order/work-order-photos.js'
import type { AuditEntry } from './work-order/work-order-timeline.js'
import { WorkOrderTimeline } from './work-order/work-order-timeline.js'

const FINISHED = new Set(['resolved', 'closed', 'cancelled'])

/**
 * One work order: its facts and deadline, the actions the user may take, the field work (check-in,
 * checklist, photos, notes) and the timeline. Laid out in one column, so it is the engineer's
 * phone view as well as the manager's.
 */
export function WorkOrderPage({ id }: { id: string }) {
  const { t, locale, principal } = useSession()
  const path = `/api/v1/work-orders/${encodeURIComponent(id)}`
  const aboutThis = (event: LiveEvent) => event.kind === 'work_order' && (event.data as { workOrderId?: string }).workOrderId === id
  const loaded = useApiData<WorkOrder>(path, aboutThis)
  const audit = useApiData<List<AuditEntry>>(`${path}/audit`, aboutThis)
  // What this user just did shows at once; the live stream brings everyone else's changes.
  const [workOrder, setWorkOrder] = useState<WorkOrder | undefined>()
  // A reload that left before this user's last change comes back older: the newer version stays.
  useEffect(() => setWorkOrder((shown) => (shown === undefined || loaded.data === undefined || loaded.data.version >= shown.version ? loaded.data : shown)), [loaded.data])
  const equipment = useApiData<Equipment>(workOrder === undefined ? undefined : `/api/v1/equipment/${encodeURIComponent(workOrder.equipmentId)}`)
  const zones = useSiteTimeZones()

  if (loaded.error !== undefined && workOrder === undefined) return <p role="alert" className="error">{loaded.error}</p>
  if (workOrder === undefined) return <p>{t('loading')}</p>
  const timeZone = zones.get(workOrder.siteId)
  const changed = (next: WorkOrder) => {
    setWorkOrder(next)
    audit.reload()
  }
  const mine = principal.role !== 'engineer' || workOrder.responsibleEngineerId === principal.engineerId || workOrder.assigneeId === principal.engineerId
  const fieldWork = principal.role !== 'requester' && principal.role !== 'service' && mine && !FINISHED.has(workOrder.status)
  const atWork = ['accepted', 'in_progress', 'reopened'].includes(workOrder.status)
  const time = (at: string | undefined) => (at === undefined ? '—' : formatTime(at, timeZone, locale))
  return (
    <article className="work-order-page" data-work-order={workOrder.id} data-status={workOrder.status}>
      <h1>{workOrder.title}</h1>
      <p className="facts">
        <span className={`badge priority-badge-${workOrder.priority}`}>{t(`priority_${workOrder.priority}`)}</span> <span className="badge">{t(`kind_${workOrder.kind}`)}</span>{' '}
        <span className="badge" data-testid="status">
          {t(`status_${workOrder.status}`)}
        </span>{' '}
        <DeadlineCountdown workOrder={workOrder} />
      </p>
      <dl className="facts-list">
        <dt>{t('colWorkOrder')}</dt>
        <dd>{workOrder.id}</dd>
        <dt>{t('equipmentLabel')}</dt>
        <dd>
          <a href={hrefOf({ page: 'equipment', id: workOrder.equipmentId })}>{equipment.data?.name ?? workOrder.equipmentId}</a>
          {equipment.data === undefined ? null : <div className="hint">{equipment.data.location}</div>}
        </dd>
        <dt>{t('respondBy')}</dt>
        <dd>{time(workOrder.responseDueAt)}</dd>
        <dt>{t('assignee')}</dt>
        <dd>{workOrder.assigneeId ?? t('nobodyYet')}</dd>
        <dt>{t('colOpened')}</dt>
        <dd>
          {time(workOrder.createdAt)} · {workOrder.createdBy}
        </dd>
        {workOrder.arrivedAt === undefined ? null : (
          <>
            <dt>{t('arrivedAt')}</dt>
            <dd>{time(workOrder.arrivedAt)}</dd>
          </>
        )}
        {workOrder.resolution === undefined ? null : (
          <>
            <dt>{t('resolutionLabel')}</dt>
            <dd data-testid="resolution">
              {t(`resolution_${workOrder.resolution.code}` as 'resolution_other')} · {workOrder.resolution.firstVisitFix ? t('firstVisitFix') : t('notFirstVisitFix')}
              {workOrder.resolution.note === '' ? '' : ` · ${workOrder.resolution.note}`}
            </dd>
          </>
        )}
        <dt>{t('ratingLabel')}</dt>
        <dd data-testid="rating">{workOrder.rating === undefined ? t('notRated') : `${'★'.repeat(workOrder.rating.score)}${'☆'.repeat(5 - workOrder.rating.score)} (${workOrder.rating.score} / 5)${workOrder.rating.comment === '' ? '' : ` — ${workOrder.rating.comment}`}`}</dd>
      </dl>
      {workOrder.description === '' ? null : <p className="description">{workOrder.description}</p>}
      <WorkOrderActions workOrder={workOrder} onChanged={changed} />
      {fieldWork && atWork ? <CheckIn workOrder={workOrder} onChanged={changed} /> : null}
      <WorkOrderChecklist workOrder={workOrder} canRecord={fieldWork && atWork} onChanged={changed} />
      <WorkOrderPhotos
        workOrder={workOrder}
        canAdd={fieldWork}
        onUploaded={() => {
          loaded.reload()
          audit.reload()
        }}
      />
      {fieldWork ? <FieldNotes workOrder={workOrder} onChanged={changed} /> : null}
      <WorkOrderTimeline entries={audit.data?.items ?? []} timeZone={timeZone} />
    </article>
  )
}
