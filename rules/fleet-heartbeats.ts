import type { AlertExplanation } from '../core/domain/alert.js'
import type { Device, Equipment, EquipmentType } from '../core/domain/equipment.js'
import { HeartbeatDetector } from './detectors/heartbeat.js'
import type { HeartbeatSighting } from './detectors/heartbeat.js'
import { FleetSilence } from './fleet-silence.js'
import { isHeartbeatRule } from './rule-definition.js'
import type { HeartbeatRule, RuleBook } from './rule-definition.js'
import type { RuleTransition } from './rules-engine.js'

/** A registered device with the equipment it is attached to. */
export interface WatchedDevice {
  device: Device
  equipment: Equipment
}

export interface HeartbeatCheck {
  transitions: RuleTransition[]
  /** No device at all was heard within the shortest timeout: Vigil is blind, verdicts are held. */
  fleetSilent: boolean
}

interface DeviceWatch {
  equipment: Equipment
  /** One per heartbeat rule of the equipment's type, in the rules' order. */
  detectors: HeartbeatDetector[]
}

/** The verdict on one equipment and rule: offline while any of its devices is. */
interface Verdict {
  equipment: Equipment
  rule: HeartbeatRule
  offline: boolean
  explanation: AlertExplanation
}

/**
 * The heartbeat rules over the whole fleet, one detector per device and rule, without I/O: each
 * check is given the registered devices and their last-seen times. Alerts are per equipment and
 * rule, so devices are judged one by one and reported per equipment: it fires when its first
 * device goes offline and clears when the last one is back (or no longer registered).
 *
 * The first verdict on each equipment and rule is reported whatever it is, a 'clear' included:
 * an alert a previous run left open for a sensor that came back meanwhile is closed that way
 * (a clear for a condition that is not open changes nothing).
 */
export class FleetHeartbeats {
  private readonly rules: ReadonlyMap<EquipmentType, readonly HeartbeatRule[]>
  /** Shortest timeout of any rule: a fleet silent that long means Vigil is not hearing. */
  private readonly quietMs: number
  private readonly watches = new Map<string, DeviceWatch>()
  /** Last reported verdict, by `equipmentId ruleId`. */
  private readonly verdicts = new Map<string, Verdict>()
  private readonly silence = new FleetSilence()
  private evaluated = false

  /** `startedAtMs`: when the engine started; devices registered then and never seen count as silent from it. */
  constructor(
    book: RuleBook,
    private readonly startedAtMs: number
  ) {
    const rules = new Map<EquipmentType, HeartbeatRule[]>()
    for (const [type, all] of book) {
      const heartbeats = all.filter(isHeartbeatRule)
      if (heartbeats.length > 0) rules.set(type, heartbeats)
    }
    this.rules = rules
    this.quietMs = Math.min(...[...rules.values()].flat().map((rule) => rule.params.timeoutMs))
  }

  /** Whether any equipment type has a heartbeat rule: without one, there is nothing to check. */
  get hasRules(): boolean {
    return this.rules.size > 0
  }

  check(now: number, devices: readonly WatchedDevice[], lastSeen: ReadonlyMap<string, number>): HeartbeatCheck {
    const watched = devices.filter(({ equipment }) => this.rules.has(equipment.type))
    if (watched.length === 0) return { transitions: [], fleetSilent: false }
    const seenTimes = watched.flatMap(({ device }) => lastSeen.get(device.id) ?? [])
    if (this.silence.observe(now, seenTimes, this.quietMs)) return { transitions: [], fleetSilent: true }
    return { transitions: this.changes(this.judge(now, watched, lastSeen), now), fleetSilent: false }
  }

  /** Runs every device's detectors; the verdict per equipment and rule, by `equipmentId ruleId`. */
  private judge(now: number, watched: readonly WatchedDevice[], lastSeen: ReadonlyMap<string, number>): Map<string, Verdict> {
    const watchingSince = this.evaluated ? now : this.startedAtMs
    this.evaluated = true
    const fleetHeardSinceMs = this.silence.heardSinceMs
    const verdicts = new Map<string, Verdict>()
    const present = new Set<string>()
    for (const { device, equipment } of watched) {
      present.add(device.id)
      const rules = this.rules.get(equipment.type) as readonly HeartbeatRule[]
      const watch = this.watchOf(device, equipment, rules, watchingSince)
      const sighting: HeartbeatSighting = { lastSeenMs: lastSeen.get(device.id), fleetHeardSinceMs }
      rules.forEach((rule, i) => {
        const detector = watch.detectors[i] as HeartbeatDetector
        detector.update(now, sighting)
        const key = `${equipment.id} ${rule.id}`
        const verdict = verdicts.get(key)
        if (verdict === undefined) verdicts.set(key, { equipment, rule, offline: detector.active, explanation: detector.explain() })
        else if (detector.active && !verdict.offline) Object.assign(verdict, { offline: true, explanation: detector.explain() })
      })
    }
    for (const deviceId of this.watches.keys()) if (!present.has(deviceId)) this.watches.delete(deviceId)
    return verdicts
  }

  /** Transitions for the verdicts that are new or changed, and clears for offline equipment no longer watched. */
  private changes(current: ReadonlyMap<string, Verdict>, now: number): RuleTransition[] {
    const transitions: RuleTransition[] = []
    for (const [key, verdict] of current) {
      if (this.verdicts.get(key)?.offline !== verdict.offline) transitions.push(transitionOf(verdict, now))
      this.verdicts.set(key, verdict)
    }
    for (const [key, verdict] of this.verdicts) {
      if (current.has(key)) continue
      this.verdicts.delete(key)
      if (!verdict.offline) continue
      const explanation = { message: `no offline sensor of ${verdict.equipment.id} is registered any more`, value: 0, limit: verdict.explanation.limit }
      transitions.push(transitionOf({ ...verdict, offline: false, explanation }, now))
    }
    return transitions
  }

  private watchOf(device: Device, equipment: Equipment, rules: readonly HeartbeatRule[], watchingSince: number): DeviceWatch {
    let watch = this.watches.get(device.id)
    if (watch === undefined || watch.equipment.type !== equipment.type) {
      watch = { equipment, detectors: rules.map((rule) => new HeartbeatDetector({ deviceId: device.id, timeoutMs: rule.params.timeoutMs }, watchingSince)) }
      this.watches.set(device.id, watch)
    }
    watch.equipment = equipment
    return watch
  }
}

function transitionOf(verdict: Verdict, now: number): RuleTransition {
  return { rule: verdict.rule, equipment: verdict.equipment, state: verdict.offline ? 'fire' : 'clear', ts: now, explanation: verdict.explanation }
}
