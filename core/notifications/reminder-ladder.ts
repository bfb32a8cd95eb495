import type { LadderRung } from './notification-event.js'

/** Reminders: one every `everyMs`, `repeatsPerRung` on each rung before climbing to the next. */
export interface ReminderPolicy {
  everyMs: number
  repeatsPerRung: number
}

export interface LadderStep {
  rung: LadderRung
  /** 1 for the first reminder on the rung. */
  reminder: number
}

/**
 * The rungs of a site's ladder that have someone on them: whoever should act (the work order's
 * assignee; for an alert, its work order's assignee or else the site's engineers), the site's
 * supervisor, and the managers — who are always there, so the ladder never ends in silence.
 */
export function ladderRungs(has: { assignee: boolean; supervisor: boolean }): LadderRung[] {
  return [...(has.assignee ? (['assignee'] as const) : []), ...(has.supervisor ? (['supervisor'] as const) : []), 'managers']
}

/** The reminder at 0-based `step`, or undefined once every rung has had its reminders: stop. */
export function ladderStep(step: number, rungs: readonly LadderRung[], repeatsPerRung: number): LadderStep | undefined {
  if (!Number.isInteger(step) || step < 0 || repeatsPerRung < 1) return undefined
  const rung = rungs[Math.floor(step / repeatsPerRung)]
  return rung === undefined ? undefined : { rung, reminder: (step % repeatsPerRung) + 1 }
}
