import { checklistTemplate } from '../core/maintenance/checklist-templates.js'
import type { ChecklistItemSpec } from '../core/maintenance/checklist.js'
import type { AlertRecords, NewAlert } from '../core/alerts/alert-store.js'
import { alertEvent } from '../core/domain/alert.js'
import type { AlertEvent, AlertMute } from '../core/domain/alert.js'
import type { Equipment } from '../core/domain/equipment.js'
import type { Logger } from '../core/logger.js'
import { AlertLifecycle, DEFAULT_LIFECYCLE } from './alert-lifecycle.js'
import type { ConditionState, LifecycleConfig } from './alert-lifecycle.js'
import type { RuleTransition } from './rules-engine.js'
import type { OpenWorkOrderJob } from './work-order-job.js'

/** Where alert transitions go: InfluxDB `alert_events` and the live stream online, JSON lines in a replay. */
export interface AlertEventSink {
  record(event: AlertEvent): Promise<void>
}

/** Whether an equipment's new alerts are muted now (work in progress, a test or maintenance window), and why. */
export interface MuteSource {
  muteFor(equipment: Equipment, ts: number): Promise<AlertMute | undefined>
}

export interface AlertServiceDeps {
  records: AlertRecords
  workOrders: { enqueue(job: OpenWorkOrderJob): Promise<void> }
  events: AlertEventSink
  mutes?: MuteSource | undefined
  lifecycle?: LifecycleConfig | undefined
  logger: Logger
}

/** A muted alert's work order, waiting for the mute to end. */
interface MutedAlert {
  alertId: string
  equipment: Equipment
  job: OpenWorkOrderJob
  /** Device time at which to ask the mute source again. */
  checkAt: number
}

export interface AlertServiceSnapshot {
  lifecycle: [string, ConditionState][]
  muted: MutedAlert[]
}

/** How often (device time) a muted alert asks whether its mute is over, when the mute has no end time. */
const MUTE_RECHECK_MS = 60_000

/**
 * Turns detector transitions into alerts, through the alert lifecycle (rules/alert-lifecycle.ts):
 * a new condition opens an alert and queues its work order; one that comes back within the
 * cooldown reopens its last alert; one that keeps coming and going becomes a single flapping
 * alert; a cleared condition resolves its alert once the hold time has passed. Alerts of muted
 * equipment are opened and annotated, and their work order is queued when the mute ends.
 *
 * Decisions are taken in arrival order, synchronously; the I/O they cause is applied one step at
 * a time in the same order, so a quick fire-then-clear can never resolve before it has opened.
 * The same class runs online (Redis, BullMQ) and in a replay (in memory): one code path.
 */
export class AlertService {
  private chain: Promise<void> = Promise.resolve()
  private readonly lifecycle: AlertLifecycle
  private readonly muted = new Map<string, Map<string, MutedAlert>>()

  constructor(private readonly deps: AlertServiceDeps) {
    this.lifecycle = new AlertLifecycle(deps.lifecycle ?? DEFAULT_LIFECYCLE)
  }

  submit(transition: RuleTransition): void {
    const { rule, equipment, ts } = transition
    if (transition.state === 'clear') {
      this.lifecycle.clear(equipment.id, rule.id, ts)
      return
    }
    const action = this.lifecycle.fire(equipment.id, rule.id, ts)
    if (action === 'none') return
    this.enqueue(() => (action === 'open' ? this.open(transition, false) : this.reopen(transition, action === 'flapping')), transition)
  }

  /**
   * Device time of this equipment has reached `ts`: resolves the alerts whose hold is over and
   * releases the work orders whose mute has ended. Cheap when there is nothing to do (per reading).
   */
  advance(equipment: Equipment, ts: number): void {
    const resolved = this.lifecycle.advance(equipment.id, ts)
    for (const ruleId of resolved) this.enqueue(() => this.resolve(equipment, ruleId, ts))
    const muted = this.muted.get(equipment.id)
    if (muted === undefined) return
    for (const entry of muted.values()) {
      if (ts < entry.checkAt) continue
      entry.checkAt = Number.POSITIVE_INFINITY // one check at a time
      this.enqueue(() => this.recheckMute(entry, ts))
    }
  }

  /** The rules whose alert on this equipment is open (or waiting out its hold), as the lifecycle sees it. */
  openConditions(equipmentId: string): { ruleId: string; flapping: boolean }[] {
    return this.lifecycle.openConditions(equipmentId)
  }

  /** Resolves when everything submitted so far is applied. */
  async settled(): Promise<void> {
    await this.chain
  }

  /** One equipment's alert state (lifecycle, work orders waiting on a mute), as plain JSON. */
  snapshot(equipmentId: string): AlertServiceSnapshot {
    const muted = [...(this.muted.get(equipmentId)?.values() ?? [])].map((entry) => ({ ...entry, checkAt: Number.isFinite(entry.checkAt) ? entry.checkAt : 0 }))
    return { lifecycle: this.lifecycle.snapshot(equipmentId), muted }
  }

  restore(equipmentId: string, snapshot: AlertServiceSnapshot): void {
    this.lifecycle.restore(equipmentId, snapshot.lifecycle)
    this.muted.delete(equipmentId)
    for (const entry of snapshot.muted) this.track(entry)
  }

  private enqueue(step: () => Promise<void>, transition?: RuleTransition): void {
    this.chain = this.chain.then(step).catch((error: unknown) => this.deps.logger.error({ err: error, rule: transition?.rule.id, equipment: transition?.equipment.id }, 'could not apply an alert transition'))
  }

  private async open({ rule, equipment, ts, explanation }: RuleTransition, flapping: boolean): Promise<void> {
    const at = new Date(ts).toISOString()
    const mute = await this.deps.mutes?.muteFor(equipment, ts)
    const draft: NewAlert = {
      equipmentId: equipment.id,
      equipmentType: equipment.type,
      siteId: equipment.siteId,
      buildingId: equipment.buildingId,
      ruleId: rule.id,
      metric: rule.metric,
      severity: rule.severity,
      priority: rule.priority,
      openedAt: at,
      explanation,
      flapping
    }
    if (mute !== undefined) draft.muted = mute
    const alert = await this.deps.records.open(draft)
    if (alert === undefined) return // another reading or engine opened it first
    this.deps.logger.info({ alertId: alert.id, rule: rule.id, equipment: equipment.id, severity: rule.severity, muted: mute?.reason }, `alert opened: ${explanation.message}`)
    await this.deps.events.record(alertEvent(alert, 'opened', at, explanation.message))
    const job: OpenWorkOrderJob = {
      alertId: alert.id,
      ruleId: rule.id,
      equipmentId: equipment.id,
      title: `${rule.title}: ${equipment.name}`,
      description: `${explanation.message}. Opened by Vigil rule ${rule.id} (alert ${alert.id}) at ${at}. Location: ${equipment.location}.`,
      priority: rule.priority,
      kind: rule.workOrderKind,
      ...checklistOf(rule.checklistTemplateId)
    }
    if (mute === undefined) {
      await this.deps.workOrders.enqueue(job)
      return
    }
    await this.deps.events.record(alertEvent(alert, 'muted', at, `muted: ${mute.reason}`))
    this.track({ alertId: alert.id, equipment, job, checkAt: mute.until === undefined ? ts + MUTE_RECHECK_MS : Date.parse(mute.until) })
  }

  private async reopen(transition: RuleTransition, flapping: boolean): Promise<void> {
    const { rule, equipment, ts, explanation } = transition
    const at = new Date(ts).toISOString()
    const alert = await this.deps.records.reopen(equipment.id, rule.id, at, flapping)
    // Its last alert is gone (store emptied, or never written): treat it as new.
    if (alert === undefined) return this.open(transition, flapping)
    const kind = flapping ? 'flapping' : 'reopened'
    this.deps.logger.info({ alertId: alert.id, rule: rule.id, equipment: equipment.id, reopens: alert.reopens }, `alert ${kind}: ${explanation.message}`)
    await this.deps.events.record(alertEvent(alert, kind, at, flapping ? `flapping, suppressed until quiet: ${explanation.message}` : explanation.message))
  }

  private async resolve(equipment: Equipment, ruleId: string, ts: number): Promise<void> {
    const at = new Date(ts).toISOString()
    const alert = await this.deps.records.resolve(equipment.id, ruleId, at)
    if (alert === undefined) return
    this.deps.logger.info({ alertId: alert.id, rule: ruleId, equipment: equipment.id }, 'alert resolved: the condition has stayed clear')
    await this.deps.events.record(alertEvent(alert, 'resolved', at, 'the condition has stayed clear for the hold time'))
  }

  private async recheckMute(entry: MutedAlert, ts: number): Promise<void> {
    const mute = await this.deps.mutes?.muteFor(entry.equipment, ts)
    if (mute !== undefined) {
      entry.checkAt = mute.until === undefined ? ts + MUTE_RECHECK_MS : Math.max(Date.parse(mute.until), ts + 1)
      return
    }
    this.untrack(entry)
    const alert = await this.deps.records.unmute(entry.alertId)
    if (alert === undefined) return // resolved while muted (a test run that ended well): nothing to do
    await this.deps.events.record(alertEvent(alert, 'unmuted', new Date(ts).toISOString(), 'mute ended; opening its work order'))
    await this.deps.workOrders.enqueue(entry.job)
  }

  private track(entry: MutedAlert): void {
    let byId = this.muted.get(entry.equipment.id)
    if (byId === undefined) this.muted.set(entry.equipment.id, (byId = new Map<string, MutedAlert>()))
    byId.set(entry.alertId, entry)
  }

  private untrack(entry: MutedAlert): void {
    const byId = this.muted.get(entry.equipment.id)
    byId?.delete(entry.alertId)
    if (byId?.size === 0) this.muted.delete(entry.equipment.id)
  }
}

/** The steps of the rule's checklist template, copied into the job (templates may change later). */
function checklistOf(templateId: string | undefined): { checklist?: ChecklistItemSpec[] } {
  const template = templateId === undefined ? undefined : checklistTemplate(templateId)
  return template === undefined ? {} : { checklist: template.items.map((item) => ({ ...item })) }
}
