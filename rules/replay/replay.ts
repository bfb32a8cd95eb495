import { MemoryAlertRecords } from '../../core/alerts/memory-alert-records.js'
import type { Alert, AlertEventKind } from '../../core/domain/alert.js'
import type { Equipment } from '../../core/domain/equipment.js'
import type { Logger } from '../../core/logger.js'
import type { Reading } from '../../core/telemetry/decode-telemetry.js'
import type { LifecycleConfig } from '../alert-lifecycle.js'
import { AlertService } from '../alert-service.js'
import { evaluateReading } from '../evaluate-reading.js'
import type { RuleBook } from '../rule-definition.js'
import { RulesEngine } from '../rules-engine.js'
import type { RuleTransition } from '../rules-engine.js'
import type { OpenWorkOrderJob } from '../work-order-job.js'
import { ReplayAlertLog } from './replay-alert-log.js'
import type { LineSink } from './replay-alert-log.js'

export interface ReplayDeps {
  /** One equipment's readings in time order, in batches of any size. */
  batches: AsyncIterable<readonly Reading[]> | Iterable<readonly Reading[]>
  book: RuleBook
  equipment: Equipment
  /** Receives one JSON line per alert event. */
  lines: LineSink
  logger: Logger
  lifecycle?: LifecycleConfig | undefined
}

export interface ReplaySummary {
  readings: number
  /** Device time of the first and last reading, epoch ms (undefined without readings). */
  firstTs: number | undefined
  lastTs: number | undefined
  /** Alert events written, by kind. */
  events: Map<AlertEventKind, number>
  /** The work orders the alerts would have queued. */
  workOrders: OpenWorkOrderJob[]
}

/**
 * Runs the rules over recorded readings exactly as the running service does (evaluateReading,
 * AlertService), with the alerts kept in memory and their events written as lines: the alerts
 * Vigil would have raised, and when. Takes no time of its own: it goes as fast as the readings come.
 */
export async function replay(deps: ReplayDeps): Promise<ReplaySummary> {
  const engine = new RulesEngine(deps.book)
  const records = new MemoryAlertRecords()
  const log = new ReplayAlertLog(deps.lines, alertLookup(records))
  const alerts = new AlertService({ records, workOrders: log, events: log, logger: deps.logger, lifecycle: deps.lifecycle })
  const transitions: RuleTransition[] = []
  let readings = 0
  let firstTs: number | undefined
  let lastTs: number | undefined
  for await (const batch of deps.batches) {
    for (const reading of batch) evaluateReading(engine, alerts, deps.equipment, reading, transitions)
    if (batch.length === 0) continue
    readings += batch.length
    firstTs ??= (batch[0] as Reading).ts
    lastTs = (batch[batch.length - 1] as Reading).ts
    // Apply what this batch raised before reading on, so unwritten events never pile up.
    await alerts.settled()
    if (log.failure !== undefined) throw log.failure
  }
  await alerts.settled()
  await log.flush()
  if (log.failure !== undefined) throw log.failure
  return { readings, firstTs, lastTs, events: log.counts, workOrders: log.workOrders }
}

/** An alert by id: almost always the one just opened, the last in the list. */
function alertLookup(records: MemoryAlertRecords): (alertId: string) => Alert | undefined {
  return (alertId) => {
    const last = records.alerts.at(-1)
    return last?.id === alertId ? last : records.alerts.find((alert) => alert.id === alertId)
  }
}
