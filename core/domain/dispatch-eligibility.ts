import type { Engineer } from './engineer.js'
import { isOnShift } from './engineer-shift.js'
import { qualification } from './engineer-qualification.js'
import type { Qualification } from './engineer-qualification.js'
import type { EquipmentType } from './equipment.js'

/** Where and when work is to be done, as dispatch sees it. */
export interface WorkSituation {
  siteId: string
  equipmentType: EquipmentType
  atMs: number
  /** The site's IANA time zone: shifts and certificate dates are read in it. */
  timeZone: string
}

export type DispatchEligibility =
  | { eligible: true }
  | { eligible: false; reason: 'not_at_site' | 'off_shift' | Extract<Qualification, { qualified: false }>['reason']; detail: string }

/** Whether the engineer can take the work now: covers the site, is on shift, and is qualified for the type. */
export function dispatchEligibility(engineer: Engineer, work: WorkSituation): DispatchEligibility {
  if (!engineer.sites.some((site) => site.siteId === work.siteId)) {
    return { eligible: false, reason: 'not_at_site', detail: `engineer ${engineer.id} does not work at site ${work.siteId}` }
  }
  if (!isOnShift(engineer, work.atMs, work.timeZone)) {
    return { eligible: false, reason: 'off_shift', detail: `engineer ${engineer.id} is not on shift` }
  }
  const qualified = qualification(engineer, work.equipmentType, work.atMs, work.timeZone)
  return qualified.qualified ? { eligible: true } : { eligible: false, reason: qualified.reason, detail: qualified.detail }
}

/** The engineers flagged supervisor of the site: who a missed deadline there escalates to. */
export function siteSupervisors(engineers: readonly Engineer[], siteId: string): Engineer[] {
  return engineers.filter((engineer) => engineer.sites.some((site) => site.siteId === siteId && site.supervisor)).sort((a, b) => a.id.localeCompare(b.id))
}
