import { describe, expect, it } from 'vitest'
import type { Certificate } from '../../../../core/domain/engineer.js'
import { requiresCertificate } from '../../../../core/domain/engineer.js'
import { qualification } from '../../../../core/domain/engineer-qualification.js'

const ELEVATOR_CERT: Certificate = { equipmentType: 'elevator', number: 'TS-EL-0193', expiresAt: '2026-11-30' }

const engineer = (certificates: Certificate[], skills: ('elevator' | 'pump' | 'fire_system')[] = ['elevator', 'pump', 'fire_system']) => ({ id: 'ana-li', skills, certificates })

describe('requiresCertificate', () => {
  it('is true for elevators and fire systems only', () => {
    expect(requiresCertificate('elevator')).toBe(true)
    expect(requiresCertificate('fire_system')).toBe(true)
    expect(requiresCertificate('pump')).toBe(false)
  })
})

describe('qualification', () => {
  const NOON = Date.parse('2026-11-30T04:00:00Z')

  it('needs no certificate for pump work', () => {
    expect(qualification(engineer([]), 'pump', NOON)).toEqual({ qualified: true })
  })

  it('refuses work on a type the engineer has no skill for, certificate or not', () => {
    expect(qualification(engineer([ELEVATOR_CERT], ['pump']), 'elevator', NOON)).toMatchObject({ qualified: false, reason: 'no_skill' })
  })

  it.each(['elevator', 'fire_system'] as const)('refuses %s work without a certificate for it', (type) => {
    const result = qualification(engineer([]), type, NOON)
    expect(result).toMatchObject({ qualified: false, reason: 'certificate_missing' })
    expect(result.qualified === false && result.detail).toContain(`no ${type} certificate`)
  })

  it("does not take another type's certificate", () => {
    expect(qualification(engineer([ELEVATOR_CERT]), 'fire_system', NOON)).toMatchObject({ qualified: false, reason: 'certificate_missing' })
  })

  it("keeps a certificate valid through its expiry day in the site's zone, and expired the day after", () => {
    const lastSecondInShanghai = Date.parse('2026-11-30T15:59:59Z')
    const nextDayInShanghai = Date.parse('2026-11-30T16:00:00Z')
    expect(qualification(engineer([ELEVATOR_CERT]), 'elevator', lastSecondInShanghai, 'Asia/Shanghai')).toEqual({ qualified: true, certificate: ELEVATOR_CERT })
    const expired = qualification(engineer([ELEVATOR_CERT]), 'elevator', nextDayInShanghai, 'Asia/Shanghai')
    expect(expired).toMatchObject({ qualified: false, reason: 'certificate_expired' })
    expect(expired.qualified === false && expired.detail).toContain('TS-EL-0193 expired on 2026-11-30')
    // The same instant is still 30 November in UTC, the default zone.
    expect(qualification(engineer([ELEVATOR_CERT]), 'elevator', nextDayInShanghai).qualified).toBe(true)
    expect(qualification(engineer([ELEVATOR_CERT]), 'elevator', Date.parse('2026-12-01T00:00:00Z')).qualified).toBe(false)
  })

  it('qualifies on a renewed certificate when an older one has expired, and names the renewal', () => {
    const renewed: Certificate = { equipmentType: 'elevator', number: 'TS-EL-0412', expiresAt: '2029-06-30' }
    const result = qualification(engineer([ELEVATOR_CERT, renewed]), 'elevator', Date.parse('2027-01-15T00:00:00Z'), 'Asia/Shanghai')
    expect(result).toEqual({ qualified: true, certificate: renewed })
  })
})
