import type { Equipment, Site } from '../domain/equipment.js'
import type { OccupantRequest } from '../occupant/occupant-request.js'
import { inPeriod } from './period.js'
import type { Period } from './period.js'

export interface SiteComplaintRate {
  siteId: string
  complaints: number
  /** Equipment registered at the site now. */
  equipment: number
  /** complaints / equipment × 100; null for a site without equipment. */
  per100Equipment: number | null
}

/**
 * Occupants' complaints in the period per 100 equipment of the site. Per equipment rather than
 * per work order: a site that repairs a lot should not look better for it, and occupants
 * complain about the building they use, which grows with its equipment.
 */
export function complaintRates(requests: readonly OccupantRequest[], sites: readonly Site[], equipment: readonly Equipment[], period: Period): SiteComplaintRate[] {
  return sites
    .map((site) => {
      const complaints = requests.filter((request) => request.kind === 'complaint' && request.siteId === site.id && inPeriod(request.createdAt, period)).length
      const count = equipment.filter((item) => item.siteId === site.id).length
      return { siteId: site.id, complaints, equipment: count, per100Equipment: count === 0 ? null : (complaints / count) * 100 }
    })
    .sort((a, b) => (b.per100Equipment ?? -1) - (a.per100Equipment ?? -1) || a.siteId.localeCompare(b.siteId))
}
