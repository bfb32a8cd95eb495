import type { Engineer } from '../../core/domain/engineer.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'

/** Every day, all day: an engineer always on shift. */
export const ALWAYS: Engineer['shifts'] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }]

/** A pump engineer at `siteId`, always on shift, no certificates; override what a test is about. */
export function engineer(id: string, siteId: string, overrides: Partial<Engineer> = {}): Engineer {
  return { id, name: id.replace(/^eng-/, ''), contact: {}, skills: ['pump'], certificates: [], shifts: ALWAYS, sites: [{ siteId, supervisor: false }], ...overrides }
}

/** Registers the engineers; their sites must exist. */
export async function registerTeam(store: EngineerStore, team: readonly Engineer[]): Promise<void> {
  for (const member of team) {
    const written = await store.put(member)
    if (written.outcome !== 'ok') throw new Error(`could not register engineer ${member.id}: ${JSON.stringify(written)}`)
  }
}
