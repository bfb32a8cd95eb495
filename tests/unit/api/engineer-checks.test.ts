import { describe, expect, it } from 'vitest'
import { engineerProblem } from '../../../api/engineer-checks.js'
import type { Certificate, SiteCoverage } from '../../../core/domain/engineer.js'

const LIFT: Certificate = { equipmentType: 'elevator', number: 'TS-EL-0193', expiresAt: '2027-06-30' }
const check = (certificates: Certificate[], sites: SiteCoverage[] = [{ siteId: 'harbour-view', supervisor: false }]) => engineerProblem({ certificates, sites })?.problem

describe('engineerProblem', () => {
  it('passes distinct sites and certificates, including two certificates of one type', () => {
    expect(check([LIFT, { ...LIFT, number: 'TS-EL-0412' }, { equipmentType: 'fire_system', number: 'FS-1', expiresAt: '2027-01-01' }])).toBeUndefined()
  })

  it('names the second listing of a site', () => {
    const sites = [{ siteId: 'a', supervisor: false }, { siteId: 'b', supervisor: false }, { siteId: 'a', supervisor: true }]
    expect(check([], sites)).toMatchObject({ status: 400, errors: [{ field: 'body.sites.2.siteId' }] })
  })

  it('names the second listing of a certificate', () => {
    expect(check([LIFT, LIFT])).toMatchObject({ status: 400, errors: [{ field: 'body.certificates.1.number' }] })
  })

  it('refuses a certificate for work that needs none, saying which types do', () => {
    const problem = check([{ equipmentType: 'pump', number: 'P-1', expiresAt: '2027-01-01' }])
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'body.certificates.0.equipmentType' }] })
    expect(problem?.detail).toContain('elevator or fire_system')
  })
})
