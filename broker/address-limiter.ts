/**
 * Per client address: a token bucket for new connections, and a count of recent failed logins
 * that slows the next attempts down (doubling from 250 ms up to 10 s). Entries are forgotten
 * after `windowMs` of quiet, so memory stays bounded by the addresses active in that window.
 */
export interface AddressLimits {
  /** Connections per second an address may open, on average... */
  connectsPerSecond: number
  /** ...and at once. */
  connectBurst: number
  /** Failed logins allowed before attempts from the address are slowed down. */
  failuresBeforeDelay: number
  /** How long failures are remembered. */
  windowMs: number
}

interface AddressState {
  tokens: number
  refilledAt: number
  failures: number
  lastFailureAt: number
}

const FIRST_DELAY_MS = 250
const MAX_DELAY_MS = 10_000

export class AddressLimiter {
  private readonly states = new Map<string, AddressState>()
  private sweptAt: number

  constructor(
    private readonly limits: AddressLimits,
    private readonly now: () => number = Date.now
  ) {
    this.sweptAt = now()
  }

  /** Takes a token for a new connection; false when the address connects too fast. */
  tryConnect(address: string): boolean {
    const state = this.state(address)
    const now = this.now()
    state.tokens = Math.min(this.limits.connectBurst, state.tokens + ((now - state.refilledAt) / 1000) * this.limits.connectsPerSecond)
    state.refilledAt = now
    if (state.tokens < 1) return false
    state.tokens -= 1
    return true
  }

  /** How long to wait before checking this address's next login, in ms. */
  loginDelayMs(address: string): number {
    const state = this.states.get(address)
    if (state === undefined || this.now() - state.lastFailureAt > this.limits.windowMs) return 0
    const excess = state.failures - this.limits.failuresBeforeDelay
    return excess < 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(excess, 10))
  }

  loginFailed(address: string): void {
    const state = this.state(address)
    const now = this.now()
    if (now - state.lastFailureAt > this.limits.windowMs) state.failures = 0
    state.failures++
    state.lastFailureAt = now
  }

  loginSucceeded(address: string): void {
    const state = this.states.get(address)
    if (state !== undefined) state.failures = 0
  }

  /** Addresses being remembered (for tests and metrics). */
  get size(): number {
    return this.states.size
  }

  private state(address: string): AddressState {
    this.sweep()
    let state = this.states.get(address)
    if (state === undefined) {
      state = { tokens: this.limits.connectBurst, refilledAt: this.now(), failures: 0, lastFailureAt: Number.NEGATIVE_INFINITY }
      this.states.set(address, state)
    }
    return state
  }

  private sweep(): void {
    const now = this.now()
    if (now - this.sweptAt < this.limits.windowMs) return
    this.sweptAt = now
    for (const [address, state] of this.states) {
      const idleSince = Math.max(state.refilledAt, state.lastFailureAt)
      if (now - idleSince > this.limits.windowMs) this.states.delete(address)
    }
  }
}
