import type { Device, Equipment } from '../core/domain/equipment.js'
import type { Logger } from '../core/logger.js'
import { FleetHeartbeats } from './fleet-heartbeats.js'
import type { WatchedDevice } from './fleet-heartbeats.js'
import type { RuleBook } from './rule-definition.js'
import type { RuleTransition } from './rules-engine.js'

/** The registry, as far as the monitor reads it (core/registry/registry-store.ts). */
export interface DeviceRoster {
  listDevices(): Promise<readonly Device[]>
  listEquipment(): Promise<readonly Equipment[]>
}

/** When devices were last stored (core/registry/device-last-seen.ts). */
export interface LastSeenReader {
  read(deviceIds: readonly string[]): Promise<ReadonlyMap<string, number>>
}

export interface HeartbeatMonitorDeps {
  book: RuleBook
  registry: DeviceRoster
  lastSeen: LastSeenReader
  /** Time between two checks, ms. */
  intervalMs: number
  /** Watch only the devices of these sites (RULES_SITES); undefined: every site. */
  sites?: readonly string[] | undefined
  /** A sensor went offline or came back; called in order, once per change. */
  onTransition(transition: RuleTransition): void
  logger: Logger
  /** Wall clock, epoch ms: the clock ingest stamps last-seen times with. */
  now?: () => number
}

export interface HeartbeatMonitor {
  /** Runs a check now (after the one in progress, if any); resolves once its transitions are handed over. */
  checkNow(): Promise<void>
  /** Stops the checks and waits for the one in progress. */
  close(): Promise<void>
}

/**
 * Runs the heartbeat rules against the registry every `intervalMs`, first at once: every
 * registered device, with its last-seen time read in one round trip, so a device that was already
 * silent when the engine started is reported too. Transitions go to `onTransition`.
 */
export function startHeartbeatMonitor(deps: HeartbeatMonitorDeps): HeartbeatMonitor {
  const now = deps.now ?? Date.now
  const heartbeats = new FleetHeartbeats(deps.book, now())
  const sites = deps.sites === undefined ? undefined : new Set(deps.sites)
  let checks = 0
  let fleetSilent = false
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let previous: Promise<void> = Promise.resolve()

  const check = async (): Promise<void> => {
    if (!heartbeats.hasRules) return
    const [devices, equipment] = await Promise.all([deps.registry.listDevices(), deps.registry.listEquipment()])
    const watched = attach(devices, equipment, sites)
    const lastSeen = await deps.lastSeen.read(watched.map(({ device }) => device.id))
    const result = heartbeats.check(now(), watched, lastSeen)
    if (result.fleetSilent !== fleetSilent) logFleetSilence(deps.logger, result.fleetSilent, checks === 0)
    fleetSilent = result.fleetSilent
    checks++
    for (const transition of result.transitions) {
      try {
        deps.onTransition(transition)
      } catch (error) {
        deps.logger.error({ err: error, rule: transition.rule.id, equipment: transition.equipment.id }, 'could not hand over a heartbeat transition')
      }
    }
  }

  const checkNow = (): Promise<void> => {
    const run = previous.then(check)
    previous = run.catch(() => undefined)
    return run
  }
  const tick = (): void => {
    void checkNow()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'heartbeat check failed; trying again at the next one'))
      .finally(() => {
        if (closed) return
        timer = setTimeout(tick, deps.intervalMs)
        timer.unref()
      })
  }
  tick()

  return {
    checkNow,
    async close() {
      closed = true
      clearTimeout(timer)
      await previous
    }
  }
}

/** Devices of the watched sites with their equipment; a device whose equipment is not registered is skipped. */
function attach(devices: readonly Device[], equipment: readonly Equipment[], sites: ReadonlySet<string> | undefined): WatchedDevice[] {
  const byId = new Map(equipment.map((e) => [e.id, e]))
  const watched: WatchedDevice[] = []
  for (const device of devices) {
    const attached = byId.get(device.equipmentId)
    if (attached !== undefined && (sites === undefined || sites.has(device.siteId))) watched.push({ device, equipment: attached })
  }
  return watched
}

function logFleetSilence(logger: Logger, silent: boolean, atStart: boolean): void {
  if (!silent) {
    logger.info('devices are being heard again: sensor-offline verdicts resume')
  } else if (atStart) {
    logger.info('no device heard recently: sensor-offline verdicts wait until the fleet is heard')
  } else {
    logger.warn('no device at all has had a reading stored for longer than the shortest heartbeat timeout: Vigil itself is not hearing the fleet (ingest, InfluxDB, the broker or its network?); sensor-offline verdicts held until it is')
  }
}
