import { Queue, Worker } from 'bullmq'
import type { Job } from 'bullmq'
import type { AlertSeverity } from '../../core/domain/alert.js'
import type { Logger } from '../../core/logger.js'
import type { NotificationEvent, Reminder } from '../../core/notifications/notification-event.js'
import { ladderRungs, ladderStep } from '../../core/notifications/reminder-ladder.js'
import type { ReminderPolicy } from '../../core/notifications/reminder-ladder.js'
import type { Redis } from '../../core/redis/redis-connection.js'

export const REMINDER_QUEUE = 'notification-reminder'

/** What a ladder is about, and who was to act when it started (a reassignment starts a new ladder). */
export interface ReminderSubject {
  kind: 'alert' | 'work_order'
  id: string
  assigneeId?: string
}

export interface ReminderJob {
  /** The event that started the ladder: names it, so each step is queued once. */
  ladderId: string
  subject: ReminderSubject
  /** 0-based. */
  step: number
}

/** Where a subject stands now: still unanswered or not, and who is on its ladder. */
export interface SubjectState {
  /** False once the alert is acknowledged (or no longer open) or the work order accepted (or no longer with that assignee). */
  unanswered: boolean
  siteId: string
  severity: AlertSeverity
  /** "alert al_… on p1", "work order WO-000001 (Bearing noise)". */
  label: string
  /** Whoever should act: the work order's assignee; for an alert, its work order's assignee or else the site's engineers. */
  actors: string[]
  supervisorId?: string
}

export interface RemindersDeps {
  redis: Redis
  prefix: string
  policy: ReminderPolicy
  /** Reads the subject's state now; undefined: it no longer exists. */
  stateOf: (subject: ReminderSubject) => Promise<SubjectState | undefined>
  /** Sends a reminder like any other event (Notifier.notify). */
  notify: (event: NotificationEvent) => Promise<unknown>
  logger: Logger
  now?: () => number
}

export interface Reminders {
  /** Starts the ladder an event calls for: an alert opened or reopened, a work order assigned. */
  onEvent(event: NotificationEvent): Promise<void>
  close(): Promise<void>
}

/** The ladder an event starts, if any. */
export function reminderSubject(event: NotificationEvent): ReminderSubject | undefined {
  if (event.kind === 'alert' && (event.alert.kind === 'opened' || event.alert.kind === 'reopened')) return { kind: 'alert', id: event.alert.alertId }
  if (event.kind !== 'work_order') return undefined
  const { workOrder } = event
  // A new assignment (dispatch, a reassignment), not a note or escalation on work already assigned.
  const assigned = workOrder.to === 'assigned' && (workOrder.from !== 'assigned' || workOrder.action === 'assign')
  if (assigned && workOrder.assigneeId !== undefined) return { kind: 'work_order', id: workOrder.workOrderId, assigneeId: workOrder.assigneeId }
  return undefined
}

/**
 * Reminders as a chain of BullMQ delayed jobs: every `everyMs` while the alert is unacknowledged or
 * the work order unaccepted, `repeatsPerRung` times to whoever should act, then as many to the site's
 * supervisor, then to the managers (endpoints that take escalations), then silence. Each step
 * re-reads the subject, so acknowledging or accepting stops the chain at its next step.
 */
export function startReminders(deps: RemindersDeps): Reminders {
  const now = deps.now ?? Date.now
  const queueConnection = deps.redis.duplicate()
  const workerConnection = deps.redis.duplicate()
  const queue = new Queue<ReminderJob>(REMINDER_QUEUE, { connection: queueConnection, prefix: deps.prefix })
  const schedule = async (job: ReminderJob): Promise<void> => {
    await queue.add('remind', job, {
      jobId: `reminder-${job.ladderId}-${job.step}`.replaceAll(':', '_'),
      delay: deps.policy.everyMs,
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 }
    })
  }
  const remind = async (job: ReminderJob): Promise<void> => {
    const state = await deps.stateOf(job.subject)
    if (state === undefined || !state.unanswered) return
    const rungs = ladderRungs({ assignee: state.actors.length > 0, supervisor: state.supervisorId !== undefined })
    const step = ladderStep(job.step, rungs, deps.policy.repeatsPerRung)
    if (step === undefined) return
    const recipientIds = step.rung === 'assignee' ? state.actors : step.rung === 'supervisor' && state.supervisorId !== undefined ? [state.supervisorId] : []
    const waiting = job.subject.kind === 'alert' ? 'not acknowledged' : `not accepted by ${job.subject.assigneeId ?? 'its assignee'}`
    const reminder: Reminder = {
      at: new Date(now()).toISOString(),
      siteId: state.siteId,
      severity: state.severity,
      title: `[reminder] ${state.label}: ${waiting}`,
      text: `${state.label} is still ${waiting} (${step.rung === 'assignee' ? 'reminder' : 'escalated'} ${step.reminder} of ${deps.policy.repeatsPerRung} to the ${step.rung})`,
      subject: { kind: job.subject.kind, id: job.subject.id },
      rung: step.rung,
      reminder: step.reminder,
      recipientIds
    }
    await deps.notify({ kind: 'reminder', id: `reminder-${job.ladderId}-${job.step}`, reminder })
    await schedule({ ...job, step: job.step + 1 })
  }
  const worker = new Worker<ReminderJob>(REMINDER_QUEUE, (job: Job<ReminderJob>) => remind(job.data), { connection: workerConnection, prefix: deps.prefix, concurrency: 4 })
  queue.on('error', (error) => deps.logger.error({ err: error }, 'reminder queue error'))
  worker.on('failed', (job, error) => deps.logger.warn({ err: error, jobId: job?.id }, 'sending a reminder failed; it will be retried'))
  worker.on('error', (error) => deps.logger.error({ err: error }, 'reminder worker error'))
  return {
    async onEvent(event) {
      const subject = reminderSubject(event)
      if (subject !== undefined) await schedule({ ladderId: event.id, subject, step: 0 })
    },
    async close() {
      await worker.close()
      await queue.close()
      await Promise.all([queueConnection.quit(), workerConnection.quit()])
    }
  }
}
