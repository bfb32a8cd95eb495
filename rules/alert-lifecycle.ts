/** How alerts of one condition (equipment and rule) behave over time. Times are device time, ms. */
export interface LifecycleConfig {
  /** A cleared condition resolves its alert only once it has stayed clear this long. */
  resolveHoldMs: number
  /** A condition firing again this soon after its alert resolved reopens that alert instead of opening another. */
  cooldownMs: number
  /** This many opens (and reopens) within flapWindowMs make the condition flapping... */
  flapThreshold: number
  /** ...and a flapping alert resolves only after staying clear this long. */
  flapWindowMs: number
}

export const DEFAULT_LIFECYCLE: LifecycleConfig = {
  resolveHoldMs: 5 * 60_000,
  cooldownMs: 15 * 60_000,
  flapThreshold: 4,
  flapWindowMs: 60 * 60_000
}

/**
 * What the alert service must do: open a new alert (and its work order), reopen the condition's
 * last one (no new work), mark it flapping (reopen, suppressed), or nothing.
 */
export type LifecycleAction = 'open' | 'reopen' | 'flapping' | 'none'

export interface ConditionState {
  phase: 'open' | 'clearing' | 'resolved'
  clearSince: number
  resolvedAt: number
  /** Times of recent opens and reopens, oldest first, within flapWindowMs. */
  opens: number[]
  flapping: boolean
}

/**
 * The alert lifecycle as a pure state machine, one state per condition: open → (clear, held
 * for resolveHoldMs) → resolved; firing during the hold keeps the same alert open; firing within
 * the cooldown reopens it; too many opens in a window turn it into one flapping alert that
 * stays open (no storm of alerts, no storm of work orders) until the condition is quiet for the
 * whole flap window. No I/O: the alert service applies the actions.
 */
export class AlertLifecycle {
  /** Per equipment, per rule. */
  private readonly states = new Map<string, Map<string, ConditionState>>()
  /** Equipment with conditions waiting out their hold, so a reading only looks at its own equipment's. */
  private readonly clearing = new Map<string, Set<string>>()

  constructor(private readonly config: LifecycleConfig = DEFAULT_LIFECYCLE) {}

  fire(equipmentId: string, ruleId: string, ts: number): LifecycleAction {
    const own = this.ownStates(equipmentId)
    const state = own.get(ruleId)
    if (state !== undefined && state.phase !== 'resolved') {
      if (state.phase === 'clearing') {
        state.phase = 'open'
        this.stopClearing(equipmentId, ruleId)
      }
      return 'none'
    }
    const opens = (state?.opens ?? []).filter((at) => ts - at < this.config.flapWindowMs)
    opens.push(ts)
    const flapping = opens.length >= this.config.flapThreshold
    own.set(ruleId, { phase: 'open', clearSince: 0, resolvedAt: 0, opens, flapping })
    if (flapping) return 'flapping'
    if (state !== undefined && ts - state.resolvedAt < this.config.cooldownMs) return 'reopen'
    return 'open'
  }

  clear(equipmentId: string, ruleId: string, ts: number): void {
    const state = this.states.get(equipmentId)?.get(ruleId)
    if (state === undefined || state.phase !== 'open') return
    state.phase = 'clearing'
    state.clearSince = ts
    let rules = this.clearing.get(equipmentId)
    if (rules === undefined) this.clearing.set(equipmentId, (rules = new Set()))
    rules.add(ruleId)
  }

  /** Device time has reached `ts` for this equipment: the rules whose hold is over, to resolve. */
  advance(equipmentId: string, ts: number): string[] {
    const rules = this.clearing.get(equipmentId)
    if (rules === undefined) return []
    const own = this.ownStates(equipmentId)
    const resolved: string[] = []
    for (const ruleId of rules) {
      const state = own.get(ruleId) as ConditionState
      const hold = state.flapping ? this.config.flapWindowMs : this.config.resolveHoldMs
      if (ts - state.clearSince < hold) continue
      state.phase = 'resolved'
      state.resolvedAt = ts
      state.flapping = false
      resolved.push(ruleId)
    }
    for (const ruleId of resolved) this.stopClearing(equipmentId, ruleId)
    return resolved
  }

  /** The rules whose alert on this equipment is open (or waiting out its hold). */
  openConditions(equipmentId: string): { ruleId: string; flapping: boolean }[] {
    const result: { ruleId: string; flapping: boolean }[] = []
    for (const [ruleId, state] of this.states.get(equipmentId) ?? []) if (state.phase !== 'resolved') result.push({ ruleId, flapping: state.flapping })
    return result
  }

  isFlapping(equipmentId: string, ruleId: string): boolean {
    return this.states.get(equipmentId)?.get(ruleId)?.flapping === true
  }

  /** One equipment's condition states, as plain JSON, to survive a restart. */
  snapshot(equipmentId: string): [string, ConditionState][] {
    return [...(this.states.get(equipmentId) ?? [])].map(([ruleId, state]) => [ruleId, { ...state, opens: [...state.opens] }])
  }

  restore(equipmentId: string, snapshot: readonly [string, ConditionState][]): void {
    this.states.delete(equipmentId)
    this.clearing.delete(equipmentId)
    const own = this.ownStates(equipmentId)
    for (const [ruleId, state] of snapshot) {
      own.set(ruleId, { ...state, opens: [...state.opens] })
      if (state.phase !== 'clearing') continue
      let rules = this.clearing.get(equipmentId)
      if (rules === undefined) this.clearing.set(equipmentId, (rules = new Set()))
      rules.add(ruleId)
    }
  }

  private ownStates(equipmentId: string): Map<string, ConditionState> {
    let own = this.states.get(equipmentId)
    if (own === undefined) this.states.set(equipmentId, (own = new Map<string, ConditionState>()))
    return own
  }

  private stopClearing(equipmentId: string, ruleId: string): void {
    const rules = this.clearing.get(equipmentId)
    rules?.delete(ruleId)
    if (rules?.size === 0) this.clearing.delete(equipmentId)
  }
}
