import type { Alert, AlertEvent, AlertEventKind, AlertExplanation } from '../../core/domain/alert.js'
import type { AlertSeverity } from '../../core/domain/alert.js'
import type { WorkOrderKind, WorkOrderPriority } from '../../core/domain/work-order.js'
import type { AlertEventSink } from '../alert-service.js'
import type { OpenWorkOrderJob } from '../work-order-job.js'

/** Where a replay's lines go (stdout, a file, an array in a test). */
export interface LineSink {
  write(line: string): Promise<void>
}

/** One line of a replay's output: one alert event, as README.md "Replay" documents it. */
export interface ReplayAlertLine {
  /** The time of the reading that caused it (ISO-8601). */
  time: string
  kind: AlertEventKind
  alertId: string
  equipment: string
  rule: string
  severity: AlertSeverity
  message: string
  /** Opened alerts: the metric and why the detector fired. */
  metric?: string
  explanation?: Omit<AlertExplanation, 'message'>
  /** Opened (or unmuted) alerts: the work order it would have queued. */
  workOrder?: { kind: WorkOrderKind; priority: WorkOrderPriority; title: string }
}

/**
 * What a replay records, in place of the alert event log and the work-order queue of the
 * running service: each alert event as one JSON line, and each work order it would have queued.
 * An opened alert's line waits for the work order that follows it, so the line can carry it;
 * the next event, or flush(), writes it without one (an alert of muted equipment).
 */
export class ReplayAlertLog implements AlertEventSink {
  readonly workOrders: OpenWorkOrderJob[] = []
  readonly counts = new Map<AlertEventKind, number>()
  /** The first write that failed; the replay stops on it. */
  failure: Error | undefined
  private pending: ReplayAlertLine | undefined

  constructor(
    private readonly lines: LineSink,
    private readonly alertOf: (alertId: string) => Alert | undefined
  ) {}

  async record(event: AlertEvent): Promise<void> {
    this.counts.set(event.kind, (this.counts.get(event.kind) ?? 0) + 1)
    await this.flush()
    const line: ReplayAlertLine = { time: event.at, kind: event.kind, alertId: event.alertId, equipment: event.equipmentId, rule: event.ruleId, severity: event.severity, message: event.message }
    if (event.kind === 'opened' || event.kind === 'unmuted') {
      const alert = this.alertOf(event.alertId)
      if (event.kind === 'opened' && alert !== undefined) {
        const { message: _message, ...explanation } = alert.explanation
        line.metric = alert.metric
        line.explanation = explanation
      }
      this.pending = line
      return
    }
    await this.write(line)
  }

  /** The work-order queue's port: records the job, and puts it on its alert's line. */
  async enqueue(job: OpenWorkOrderJob): Promise<void> {
    this.workOrders.push(job)
    const pending = this.pending
    if (pending?.alertId !== job.alertId) return
    pending.workOrder = { kind: job.kind, priority: job.priority, title: job.title }
    await this.flush()
  }

  /** Writes the line still waiting for a work order. */
  async flush(): Promise<void> {
    const pending = this.pending
    if (pending === undefined) return
    this.pending = undefined
    await this.write(pending)
  }

  private async write(line: ReplayAlertLine): Promise<void> {
    try {
      await this.lines.write(`${JSON.stringify(line)}\n`)
    } catch (error) {
      this.failure ??= error as Error
      throw error
    }
  }
}
