import { MemoryAlertRecords } from '../../../core/alerts/memory-alert-records.js'
import type { AlertEvent } from '../../../core/domain/alert.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import type { Fleet } from '../../../core/domain/fleet.js'
import type { Logger } from '../../../core/logger.js'
import { AlertService } from '../../../rules/alert-service.js'
import { evaluateReading } from '../../../rules/evaluate-reading.js'
import { FleetHeartbeats } from '../../../rules/fleet-heartbeats.js'
import type { WatchedDevice } from '../../../rules/fleet-heartbeats.js'
import type { RuleBook } from '../../../rules/rule-definition.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'
import { createDeviceModel } from '../../../simulators/models/create-device-model.js'
import type { DeviceModel } from '../../../simulators/models/device-model.js'
import { deriveSeed } from '../../../simulators/random.js'
import type { ScheduledFault } from './fault-schedule.js'
import type { AlarmOpening } from './score-fleet-run.js'

export interface FleetRunInput {
  fleet: Fleet
  book: RuleBook
  /** Faults to inject, at most one at a time per equipment, in onset order per equipment. */
  faults: readonly ScheduledFault[]
  startMs: number
  endMs: number
  /** Between two readings of one device (the simulator's SIM_INTERVAL_MS). */
  intervalMs: number
  /** Between two checks of the heartbeat rules (RULES_HEARTBEAT_EVERY). */
  heartbeatEveryMs: number
  seed: number
  logger: Logger
  /** Called every simulated hour with the time reached. */
  onProgress?: (reachedMs: number) => void
}

export interface FleetRunResult {
  alarms: AlarmOpening[]
  /** Readings evaluated (published by a device: not silent). */
  readings: number
  workOrders: number
}

/** What puts an alert in front of a person: a new alert, or its return. */
const ALARM_EVENTS: ReadonlySet<string> = new Set(['opened', 'reopened', 'flapping'])

/** Simulated time between two waits for the alert service to apply what it decided. */
const SETTLE_EVERY_MS = 3_600_000

interface SimulatedDevice {
  watched: WatchedDevice
  model: DeviceModel
  faults: ScheduledFault[]
  nextFault: number
  /** Device time of the next reading. */
  nextMs: number
}

/**
 * Runs the fleet's device models in virtual time through the online rules path, on the in-memory
 * alert store, with no broker and no Redis: each reading through evaluateReading (RulesEngine →
 * AlertService.submit → AlertService.advance), and every `heartbeatEveryMs` the heartbeat rules
 * over each device's last reading (FleetHeartbeats → AlertService.submit), as the heartbeat
 * monitor does. A device publishes every `intervalMs` unless its model is silent (a random gap or
 * an `offline` fault), staggered over the first interval, as the simulator does.
 */
export async function runFleet(input: FleetRunInput): Promise<FleetRunResult> {
  const { fleet, intervalMs, heartbeatEveryMs, endMs } = input
  const devices = simulateDevices(fleet, input.faults, input.startMs, intervalMs, input.seed)

  const alarms: AlarmOpening[] = []
  let workOrders = 0
  const alerts = new AlertService({
    records: new MemoryAlertRecords(),
    workOrders: {
      enqueue: () => {
        workOrders++
        return Promise.resolve()
      }
    },
    events: {
      record: (event: AlertEvent) => {
        if (ALARM_EVENTS.has(event.kind)) alarms.push({ equipmentId: event.equipmentId, ruleId: event.ruleId, atMs: Date.parse(event.at) })
        return Promise.resolve()
      }
    },
    logger: input.logger
  })
  const engine = new RulesEngine(input.book)
  const heartbeats = new FleetHeartbeats(input.book, input.startMs)
  const watched = devices.map((device) => device.watched)
  const lastSeen = new Map<string, number>()
  const transitions: RuleTransition[] = []
  let readings = 0

  for (let checkMs = input.startMs + heartbeatEveryMs; ; checkMs += heartbeatEveryMs) {
    const untilMs = Math.min(checkMs, endMs)
    for (const device of devices) {
      const { model } = device
      const { device: gateway, equipment } = device.watched
      for (; device.nextMs < untilMs; device.nextMs += intervalMs) {
        const ts = device.nextMs
        const fault = device.faults[device.nextFault]
        if (fault !== undefined && ts >= fault.onsetMs) {
          model.startFault(fault.kind, fault.onsetMs, fault.durationMs)
          model.endFault(fault.repairedMs)
          device.nextFault++
        }
        if (model.silentAt(ts)) continue
        readings++
        lastSeen.set(gateway.id, ts)
        evaluateReading(engine, alerts, equipment, { ts, metrics: model.reading(ts) }, transitions)
      }
    }
    if (heartbeats.hasRules) for (const transition of heartbeats.check(untilMs, watched, lastSeen).transitions) alerts.submit(transition)
    if (untilMs >= endMs || Math.floor(untilMs / SETTLE_EVERY_MS) !== Math.floor((untilMs - heartbeatEveryMs) / SETTLE_EVERY_MS)) {
      await alerts.settled()
      input.onProgress?.(untilMs)
    }
    if (untilMs >= endMs) break
  }
  return { alarms, readings, workOrders }
}

function simulateDevices(fleet: Fleet, faults: readonly ScheduledFault[], startMs: number, intervalMs: number, seed: number): SimulatedDevice[] {
  const timeZones = new Map(fleet.sites.map((site) => [site.id, site.timezone]))
  const equipmentById = new Map<string, Equipment>(fleet.equipment.map((equipment) => [equipment.id, equipment]))
  const faultsOf = new Map<string, ScheduledFault[]>()
  for (const fault of faults) {
    if (!equipmentById.has(fault.equipmentId)) throw new Error(`Fault ${fault.kind} on ${fault.equipmentId}: no such equipment in the fleet`)
    const own = faultsOf.get(fault.equipmentId) ?? []
    own.push(fault)
    faultsOf.set(fault.equipmentId, own)
  }
  return fleet.devices.map((device, index): SimulatedDevice => {
    const equipment = equipmentById.get(device.equipmentId)
    const timeZone = timeZones.get(device.siteId)
    if (equipment === undefined || timeZone === undefined) throw new Error(`Device ${device.id}: its equipment or site is not in the fleet`)
    return {
      watched: { device, equipment },
      model: createDeviceModel(device.equipmentType, { seed: deriveSeed(seed, device.id), timeZone }),
      faults: (faultsOf.get(equipment.id) ?? []).sort((a, b) => a.onsetMs - b.onsetMs),
      nextFault: 0,
      nextMs: startMs + Math.floor((index * intervalMs) / fleet.devices.length)
    }
  })
}
