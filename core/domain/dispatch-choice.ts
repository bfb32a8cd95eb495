import { dispatchEligibility } from './dispatch-eligibility.js'
import type { WorkSituation } from './dispatch-eligibility.js'
import type { Engineer } from './engineer.js'

/** Why one engineer was passed over, for the audit note when nobody can take the work. */
export interface PassedOver {
  engineerId: string
  reason: string
}

export type DispatchChoice =
  | { engineerId: string; load: number; candidates: number }
  | { engineerId: undefined; passedOver: PassedOver[] }

/**
 * Who gets new work: among the engineers who cover the site, are on shift and qualified for the
 * equipment type (with a valid certificate where the type needs one), and have not declined it,
 * the one with the fewest active work orders; ties go to the lowest id so the choice is
 * repeatable. Pure: the team, their loads and the moment come in.
 */
export function chooseEngineer(team: readonly Engineer[], work: WorkSituation, loads: ReadonlyMap<string, number>, declined: readonly string[] = []): DispatchChoice {
  const passedOver: PassedOver[] = []
  let best: { engineerId: string; load: number } | undefined
  let candidates = 0
  for (const engineer of team) {
    if (declined.includes(engineer.id)) {
      passedOver.push({ engineerId: engineer.id, reason: 'declined it' })
      continue
    }
    const eligibility = dispatchEligibility(engineer, work)
    if (!eligibility.eligible) {
      passedOver.push({ engineerId: engineer.id, reason: eligibility.reason })
      continue
    }
    candidates++
    const load = loads.get(engineer.id) ?? 0
    if (best === undefined || load < best.load || (load === best.load && engineer.id < best.engineerId)) best = { engineerId: engineer.id, load }
  }
  return best === undefined ? { engineerId: undefined, passedOver } : { ...best, candidates }
}
