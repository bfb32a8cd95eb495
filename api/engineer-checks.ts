import type { Engineer } from '../core/domain/engineer.js'
import { requiresCertificate } from '../core/domain/engineer.js'
import { badRequest } from './problem.js'
import type { ProblemError } from './problem.js'

/**
 * What the schema cannot say about an engineer: no site listed twice, no certificate listed
 * twice, and no certificate for a type whose work needs none. The first problem found, naming
 * its field, or undefined.
 */
export function engineerProblem(engineer: Pick<Engineer, 'certificates' | 'sites'>): ProblemError | undefined {
  const seenSites = new Set<string>()
  for (const [index, { siteId }] of engineer.sites.entries()) {
    if (seenSites.has(siteId)) return badRequest(`body.sites.${index}.siteId`, `site ${siteId} is listed twice; list each site once (supervisor: true to make them its supervisor)`)
    seenSites.add(siteId)
  }
  const seenCertificates = new Set<string>()
  for (const [index, { equipmentType, number }] of engineer.certificates.entries()) {
    if (!requiresCertificate(equipmentType)) return badRequest(`body.certificates.${index}.equipmentType`, `${equipmentType} work needs no certificate; list certificates for elevator or fire_system only`)
    const key = `${equipmentType}\n${number}`
    if (seenCertificates.has(key)) return badRequest(`body.certificates.${index}.number`, `${equipmentType} certificate ${number} is listed twice; list each certificate once`)
    seenCertificates.add(key)
  }
  return undefined
}
