import { describe, expect, it } from 'vitest'
import { dispatchEligibility, siteSupervisors } from '../../../../core/domain/dispatch-eligibility.js'
import type { WorkSituation } from '../../../../core/domain/dispatch-eligibility.js'
import type { Engineer } from '../../../../core/domain/engineer.js'

const ANA: Engineer = {
  id: 'ana-li',
  name: 'Ana Li',
  contact: {},
  skills: ['elevator', 'pump', 'fire_system'],
  certificates: [{ equipmentType: 'elevator', number: 'TS-EL-0193', expiresAt: '2026-11-30' }],
  // Monday to Friday days, and Sunday night into Monday.
  shifts: [
    { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
    { days: [7], start: '22:00', end: '06:00' }
  ],
  sites: [{ siteId: 'harbour-view', supervisor: false }]
}

/** Monday 30 November 2026, 10:00 in Shanghai. */
const MONDAY_10_SHANGHAI = Date.parse('2026-11-30T02:00:00Z')
const work = (overrides: Partial<WorkSituation> = {}): WorkSituation => ({ siteId: 'harbour-view', equipmentType: 'elevator', atMs: MONDAY_10_SHANGHAI, timeZone: 'Asia/Shanghai', ...overrides })

describe('dispatchEligibility', () => {
  it('takes an engineer at the site, on shift, with a valid certificate', () => {
    expect(dispatchEligibility(ANA, work())).toEqual({ eligible: true })
  })

  it('refuses work at a site the engineer does not cover, whatever else holds', () => {
    expect(dispatchEligibility(ANA, work({ siteId: 'riverside' }))).toMatchObject({ eligible: false, reason: 'not_at_site', detail: expect.stringContaining('riverside') as unknown })
  })

  it("refuses an engineer off shift in the site's zone", () => {
    // Monday 06:00 UTC falls between the Sunday night shift and the day shift; in Shanghai it is 14:00.
    const mondaySixUtc = Date.parse('2026-11-30T06:00:00Z')
    expect(dispatchEligibility(ANA, work({ atMs: mondaySixUtc, timeZone: 'UTC' }))).toMatchObject({ eligible: false, reason: 'off_shift' })
    expect(dispatchEligibility(ANA, work({ atMs: mondaySixUtc }))).toEqual({ eligible: true })
  })

  it('takes the Sunday night shift on Monday before dawn, local time', () => {
    const mondayFiveInShanghai = Date.parse('2026-11-29T21:00:00Z')
    expect(dispatchEligibility(ANA, work({ atMs: mondayFiveInShanghai }))).toEqual({ eligible: true })
  })

  it('refuses fire-system work without a certificate for it, and takes pump work without one', () => {
    expect(dispatchEligibility(ANA, work({ equipmentType: 'fire_system' }))).toMatchObject({ eligible: false, reason: 'certificate_missing' })
    expect(dispatchEligibility(ANA, work({ equipmentType: 'pump' }))).toEqual({ eligible: true })
  })

  it('refuses elevator work once the certificate has expired in the site zone', () => {
    const tuesdayTenInShanghai = Date.parse('2026-12-01T02:00:00Z')
    expect(dispatchEligibility(ANA, work({ atMs: tuesdayTenInShanghai }))).toMatchObject({ eligible: false, reason: 'certificate_expired' })
  })

  it('refuses work outside the skills', () => {
    expect(dispatchEligibility({ ...ANA, skills: ['pump'] }, work())).toMatchObject({ eligible: false, reason: 'no_skill' })
  })
})

describe('siteSupervisors', () => {
  it("names the site's supervisors by id, not its other engineers or other sites' supervisors", () => {
    const engineers: Engineer[] = [
      { ...ANA, id: 'zoe', sites: [{ siteId: 'harbour-view', supervisor: true }] },
      { ...ANA, id: 'bo', sites: [{ siteId: 'riverside', supervisor: true }, { siteId: 'harbour-view', supervisor: true }] },
      { ...ANA, id: 'cy', sites: [{ siteId: 'harbour-view', supervisor: false }] },
      { ...ANA, id: 'di', sites: [{ siteId: 'riverside', supervisor: true }] }
    ]
    expect(siteSupervisors(engineers, 'harbour-view').map((e) => e.id)).toEqual(['bo', 'zoe'])
    expect(siteSupervisors(engineers, 'nowhere')).toEqual([])
  })
})
