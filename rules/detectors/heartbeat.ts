import type { AlertExplanation } from '../../core/domain/alert.js'
import { StatefulDetector, round } from './detector.js'
import type { DetectorSignal } from './detector.js'

export interface HeartbeatParams {
  deviceId: string
  /** A device with nothing stored for longer than this (ms) is offline. */
  timeoutMs: number
}

/** What the heartbeat detector is told at each check. */
export interface HeartbeatSighting {
  /** When the device's readings were last stored, epoch ms; undefined: never. */
  lastSeenMs: number | undefined
  /**
   * The end of Vigil's own last blind spell (no device at all was heard: ingest, the broker or
   * its network was down), epoch ms. Silence before it is not held against the device.
   */
  fleetHeardSinceMs?: number | undefined
}

interface HeartbeatState {
  /** When this detector started watching (epoch ms): a device never seen is silent since then. */
  watchingSince: number | null
  neverSeen: boolean
  /** Silence at the last check, ms. */
  silentMs: number
  active: boolean
  score: number
}

/**
 * A dead man's switch over a device's last-seen time: offline once nothing has been stored from
 * it for longer than the timeout, online again as soon as something is. Driven by a clock (the
 * heartbeat monitor's checks), not by readings — silence sends none.
 */
export class HeartbeatDetector extends StatefulDetector<HeartbeatState, HeartbeatSighting> {
  /** `watchingSinceMs`: when Vigil started watching the device (its registration, else the engine's start); default: the first check. */
  constructor(
    private readonly params: HeartbeatParams,
    watchingSinceMs?: number
  ) {
    super({ watchingSince: watchingSinceMs ?? null, neverSeen: true, silentMs: 0, active: false, score: 0 })
  }

  get active(): boolean {
    return this.state.active
  }

  get score(): number {
    return this.state.score
  }

  update(now: number, sighting: HeartbeatSighting): DetectorSignal | undefined {
    const state = this.state
    state.watchingSince ??= now
    const heardAt = sighting.lastSeenMs ?? state.watchingSince
    state.neverSeen = sighting.lastSeenMs === undefined
    state.silentMs = Math.max(0, now - heardAt)
    // Fires on the silence Vigil could have heard; clears only on the device's own sign of life.
    const heldAgainstMs = Math.max(0, now - Math.max(heardAt, sighting.fleetHeardSinceMs ?? heardAt))
    state.score = heldAgainstMs / this.params.timeoutMs
    if (!state.active) {
      if (heldAgainstMs <= this.params.timeoutMs) return undefined
      state.active = true
      return { state: 'fire', explanation: this.explain() }
    }
    if (state.silentMs > this.params.timeoutMs) return undefined
    state.active = false
    return { state: 'clear', explanation: this.explain() }
  }

  /** The current verdict in words; value: seconds silent, limit: the timeout in seconds. */
  explain(): AlertExplanation {
    const { deviceId, timeoutMs } = this.params
    const { silentMs, neverSeen, active } = this.state
    const value = Math.round(silentMs / 1000)
    const limit = round(timeoutMs / 1000, 1)
    if (!active) return { message: `sensor ${deviceId} reporting (last reading stored ${value} s ago)`, value, limit }
    const silence = neverSeen ? `nothing stored from it in the ${value} s Vigil has watched it` : `silent for ${value} s`
    return { message: `sensor ${deviceId} offline: ${silence} (limit ${limit} s); check the sensor or its gateway — a gap in monitoring, not an equipment fault`, value, limit }
  }
}
