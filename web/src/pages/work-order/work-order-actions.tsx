import { useState } from 'react'
import type { FormEvent } from 'react'
import { RESOLUTION_CODES } from '../../../../core/domain/work-order.js'
import { allowedActions } from '../../../../core/domain/work-order-lifecycle.js'
import type { WorkOrderAction } from '../../../../core/domain/work-order-lifecycle.js'
import type { List, WorkOrder } from '../../api-types.js'
import type { Role } from '../../session.js'
import { useApiAction, useApiData, useSession } from '../../session.js'
import { ProblemMessage } from '../../ui/problem-message.js'

/** Which lifecycle actions a role is offered (the API decides; this only spares useless buttons). */
export function offeredActions(role: Role, workOrder: WorkOrder, engineerId: string | undefined): WorkOrderAction[] {
  const allowed = allowedActions(workOrder.status)
  if (role === 'admin' || role === 'manager') return allowed.filter((action) => action !== 'accept' && action !== 'decline' && action !== 'start')
  if (role !== 'engineer') return []
  const mine = workOrder.assigneeId === engineerId || workOrder.responsibleEngineerId === engineerId
  return allowed.filter((action) => (action === 'accept' || action === 'decline' ? workOrder.assigneeId === engineerId : mine && (action === 'start' || action === 'resolve')))
}

/**
 * The actions the signed-in user may take on a work order. A refusal (a 409 because someone else
 * moved it first, naming the allowed moves) is shown as the API wrote it.
 */
export function WorkOrderActions({ workOrder, onChanged }: { workOrder: WorkOrder; onChanged: (changed: WorkOrder) => void }) {
  const { t, principal } = useSession()
  const { run, error, busy } = useApiAction()
  const [open, setOpen] = useState<'assign' | 'resolve' | undefined>()
  const actions = offeredActions(principal.role, workOrder, principal.engineerId)

  async function act(action: WorkOrderAction, body: Record<string, unknown> = {}) {
    const changed = await run<WorkOrder>('POST', `/api/v1/work-orders/${encodeURIComponent(workOrder.id)}/${action}`, body)
    if (changed !== undefined) {
      setOpen(undefined)
      onChanged(changed)
    }
  }

  return (
    <section aria-labelledby="actions-heading" className="actions">
      <h2 id="actions-heading">{t('actionsTitle')}</h2>
      {actions.length === 0 ? <p className="hint">{t('noActions')}</p> : null}
      <div className="action-buttons">
        {actions.map((action) =>
          action === 'assign' || action === 'resolve' ? (
            <button key={action} type="button" className={open === action ? 'secondary' : undefined} aria-expanded={open === action} onClick={() => setOpen(open === action ? undefined : action)} disabled={busy}>
              {action === 'assign' && workOrder.assigneeId !== undefined ? t('action_reassign') : t(`action_${action}`)}
            </button>
          ) : (
            <button key={action} type="button" onClick={() => void act(action)} disabled={busy}>
              {t(`action_${action}`)}
            </button>
          )
        )}
      </div>
      {open === 'assign' ? <AssignForm workOrder={workOrder} busy={busy} onAssign={(engineerId, note) => void act('assign', { engineerId, ...(note === '' ? {} : { note }) })} /> : null}
      {open === 'resolve' ? <ResolveForm busy={busy} onResolve={(body) => void act('resolve', body)} /> : null}
      <ProblemMessage error={error} testId="action-error" />
    </section>
  )
}

function AssignForm({ workOrder, busy, onAssign }: { workOrder: WorkOrder; busy: boolean; onAssign: (engineerId: string, note: string) => void }) {
  const { t } = useSession()
  const { data } = useApiData<List<{ id: string; name: string; siteIds?: string[] }>>('/api/v1/engineers')
  const [engineerId, setEngineerId] = useState('')
  const [note, setNote] = useState('')
  const engineers = data?.items ?? []
  function submit(event: FormEvent) {
    event.preventDefault()
    if (engineerId !== '') onAssign(engineerId, note.trim())
  }
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        {t('assignTo')}
        <select value={engineerId} onChange={(event) => setEngineerId(event.target.value)} required>
          <option value="">{t('chooseEngineer')}</option>
          {engineers.map((engineer) => (
            <option key={engineer.id} value={engineer.id} disabled={engineer.id === workOrder.assigneeId}>
              {engineer.name} ({engineer.id})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('noteOptional')}
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={4000} />
      </label>
      <button type="submit" disabled={busy || engineerId === ''}>
        {t('action_assign')}
      </button>
    </form>
  )
}

function ResolveForm({ busy, onResolve }: { busy: boolean; onResolve: (body: { code: string; firstVisitFix: boolean; note: string }) => void }) {
  const { t } = useSession()
  const [code, setCode] = useState<string>('repaired')
  const [firstVisitFix, setFirstVisitFix] = useState(true)
  const [note, setNote] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    onResolve({ code, firstVisitFix, note: note.trim() })
  }
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        {t('resolutionCode')}
        <select value={code} onChange={(event) => setCode(event.target.value)}>
          {RESOLUTION_CODES.map((option) => (
            <option key={option} value={option}>
              {t(`resolution_${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={firstVisitFix} onChange={(event) => setFirstVisitFix(event.target.checked)} /> {t('firstVisitFix')}
      </label>
      <label>
        {t('resolutionNote')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} maxLength={4000} rows={3} />
      </label>
      <button type="submit" disabled={busy}>
        {t('action_resolve')}
      </button>
    </form>
  )
}
