import { useEffect, useState } from 'react'
import type { WorkOrder } from '../../api-types.js'
import { useSession } from '../../session.js'
import { formatMinutes } from '../../ui/format.js'

/** Whether the response deadline still matters: only until the work is accepted (or ends). */
export function deadlinePending(workOrder: WorkOrder): boolean {
  return workOrder.deadline?.state === 'pending' || (workOrder.deadline === undefined && ['open', 'assigned'].includes(workOrder.status))
}

/** Time left to respond, counting down each second; red and "overdue" once it has passed. */
export function DeadlineCountdown({ workOrder }: { workOrder: WorkOrder }) {
  const { t } = useSession()
  const [now, setNow] = useState(() => Date.now())
  const pending = deadlinePending(workOrder)
  useEffect(() => {
    if (!pending) return
    // A clock on screen, not a poll: nothing is fetched.
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [pending])
  const state = workOrder.deadline?.state
  if (!pending) {
    const text = state === 'missed' ? t('deadlineMissed') : state === 'cancelled' ? '—' : t('deadlineMet')
    return (
      <span className={state === 'missed' ? 'deadline missed' : 'deadline'} data-testid="deadline" data-state={state ?? 'met'}>
        {text}
      </span>
    )
  }
  const minutes = (Date.parse(workOrder.responseDueAt) - now) / 60_000
  const missed = minutes < 0
  return (
    <span className={missed ? 'deadline missed' : 'deadline'} data-testid="deadline" data-state={missed ? 'missed' : 'pending'} role="timer">
      {missed ? t('deadlineOverdue', { time: formatMinutes(minutes, t) }) : t('deadlineLeft', { time: formatMinutes(minutes, t) })}
    </span>
  )
}
