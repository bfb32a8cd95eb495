import type { Certificate, Engineer } from './engineer.js'
import { requiresCertificate } from './engineer.js'
import type { EquipmentType } from './equipment.js'
import { localTime } from './local-time.js'

export type Qualification =
  | { qualified: true; certificate?: Certificate }
  | { qualified: false; reason: 'no_skill' | 'certificate_missing' | 'certificate_expired'; detail: string }

/**
 * Whether the engineer may work on equipment of `equipmentType` at `atMs`: they need the skill
 * and, for elevators and fire systems, a certificate for the type that has not expired. A
 * certificate is valid through its expiry date, read in `timeZone` (the site's; default UTC).
 */
export function qualification(engineer: Pick<Engineer, 'id' | 'skills' | 'certificates'>, equipmentType: EquipmentType, atMs: number, timeZone = 'UTC'): Qualification {
  if (!engineer.skills.includes(equipmentType)) {
    return { qualified: false, reason: 'no_skill', detail: `engineer ${engineer.id} does not have the skill ${equipmentType}` }
  }
  if (!requiresCertificate(equipmentType)) return { qualified: true }
  const held = engineer.certificates.filter((certificate) => certificate.equipmentType === equipmentType)
  if (held.length === 0) {
    return { qualified: false, reason: 'certificate_missing', detail: `engineer ${engineer.id} holds no ${equipmentType} certificate, which ${equipmentType} work legally needs` }
  }
  const today = localTime(atMs, timeZone).date
  // ISO dates compare as strings; the one lasting longest is the one to name.
  const latest = held.reduce((best, certificate) => (certificate.expiresAt > best.expiresAt ? certificate : best))
  if (latest.expiresAt < today) {
    return { qualified: false, reason: 'certificate_expired', detail: `engineer ${engineer.id}'s ${equipmentType} certificate ${latest.number} expired on ${latest.expiresAt}` }
  }
  return { qualified: true, certificate: latest }
}
