import { describe, expect, it } from 'vitest'
import { complaintRates } from '../../../../core/analytics/complaint-rate.js'
import { EQUIPMENT, FEEDBACK, NOVEMBER, SITES } from '../../../helpers/analytics-fixture.js'

describe('complaint rate per site', () => {
  it('is complaints of the period per 100 equipment of the site', () => {
    expect(complaintRates(FEEDBACK, SITES, EQUIPMENT, NOVEMBER)).toEqual([
      // s1: complaints c1, c2 over p1, p2, lift-1: 2 / 3 × 100 = 66.7.
      { siteId: 's1', complaints: 2, equipment: 3, per100Equipment: (2 / 3) * 100 },
      { siteId: 's2', complaints: 0, equipment: 1, per100Equipment: 0 }
    ])
  })
})
