/**
 * Vigil's own blind spells. When no device at all has had a reading stored for longer than
 * `quietMs`, it is Vigil (ingest, InfluxDB, the broker, the network in front of them) that is not
 * hearing, not every sensor failing at once. The heartbeat monitor holds its verdicts during such
 * a spell, and afterwards counts each device's silence only from when the fleet was heard again,
 * so an InfluxDB outage does not turn into one "sensor offline" work order per device.
 */
export class FleetSilence {
  private silent = false
  /** Newest last-seen time when the current or last spell was noticed: what the fleet said last before it. */
  private lastHeardBefore = Number.NEGATIVE_INFINITY
  private heardAgainAt: number | undefined

  /** True while the whole fleet is silent. `lastSeenMs`: every watched device's last-seen time. */
  observe(now: number, lastSeenMs: readonly number[], quietMs: number): boolean {
    let newest = Number.NEGATIVE_INFINITY
    for (const seen of lastSeenMs) if (seen > newest) newest = seen
    if (now - newest > quietMs) {
      if (!this.silent) this.lastHeardBefore = newest
      this.silent = true
      return true
    }
    if (this.silent) {
      // Heard again at the first reading stored after the spell.
      let first = newest
      for (const seen of lastSeenMs) if (seen > this.lastHeardBefore && seen < first) first = seen
      this.heardAgainAt = first
      this.silent = false
    }
    return false
  }

  /** When the fleet was heard again after the last spell (epoch ms); undefined: no spell seen. */
  get heardSinceMs(): number | undefined {
    return this.heardAgainAt
  }
}
