import { describe, expect, it } from 'vitest'
import { complaintsAgainst, engineerScorecard } from '../../../../core/analytics/engineer-scorecard.js'
import type { EngineerScorecard } from '../../../../core/analytics/engineer-scorecard.js'
import { DEFAULT_SCORECARD, overrideWeights } from '../../../../core/analytics/scorecard-config.js'
import type { ScorecardConfig } from '../../../../core/analytics/scorecard-config.js'
import type { Engineer } from '../../../../core/domain/engineer.js'
import { AS_OF_MS, ENGINEERS, FEEDBACK, WORK_ORDERS } from '../../../helpers/analytics-fixture.js'

const [ANA, BO] = ENGINEERS as [Engineer, Engineer]
const card = (engineer: Engineer, config: ScorecardConfig = DEFAULT_SCORECARD) => engineerScorecard({ engineer, workOrders: WORK_ORDERS, requests: FEEDBACK, asOfMs: AS_OF_MS }, '2026-11', config)
const dimension = (scorecard: EngineerScorecard, id: string) => scorecard.dimensions.find((item) => item.id === id)
const measure = (scorecard: EngineerScorecard, id: string) => scorecard.dimensions.flatMap((item) => item.measures).find((item) => item.measure === id)

describe("an engineer's monthly scorecard over the hand-worked November", () => {
  it('traces a complaint to whoever last resolved work on that equipment shortly before', () => {
    const complaints = FEEDBACK.filter((request) => request.kind === 'complaint')
    // c1 (p2, Nov 17) follows bo's WO-4 (Nov 16); c2 (p1, Nov 21) follows bo's WO-3 (Nov 20).
    expect(complaintsAgainst('eng-bo', complaints, WORK_ORDERS, 14).map((request) => request.id)).toEqual(['c1', 'c2'])
    expect(complaintsAgainst('eng-ana', complaints, WORK_ORDERS, 14)).toEqual([])
    // With a 0-day window no work is close enough.
    expect(complaintsAgainst('eng-bo', complaints, WORK_ORDERS, 0)).toEqual([])
  })

  it("scores bo's measures and weighs the dimensions 30/25/20/15/10", () => {
    const bo = card(BO)
    // Service quality: deadlines 2 of 2 = 1; first-time fix 0 of 2 = 0; rating 4 → (4 − 1) / 4 = 0.75.
    // (1 + 0 + 0.75) / 3 = 58.33.
    expect(dimension(bo, 'service_quality')?.score).toBeCloseTo(175 / 3, 9)
    // Efficiency: accepted → resolved WO-3 0.5 h, WO-4 18 h: mean 9.25 h over the 8 h target → 8 / 9.25.
    // Rostered: 21 weekdays in November 2026 × 8 h = 168 h; on work: WO-3 00:40–01:00 (1/3 h) + WO-4
    // Nov 15 13:00 → Nov 16 06:00 (17 h) = 17 1/3 h; share 0.1032, over the 0.6 target → 0.1720.
    expect(measure(bo, 'completion_time')).toMatchObject({ value: 9.25, score: 8 / 9.25 })
    expect(measure(bo, 'shift_share_on_work_orders')?.value).toBeCloseTo(52 / 3 / 168, 9)
    expect(measure(bo, 'shift_share_on_work_orders')?.score).toBeCloseTo(52 / 3 / 168 / 0.6, 9)
    const efficiency = ((8 / 9.25 + 52 / 3 / 168 / 0.6) / 2) * 100
    expect(dimension(bo, 'efficiency')?.score).toBeCloseTo(efficiency, 9)
    // Safety: no incidents are recorded (never scored); certificates valid through Nov 30: EL-1 yes, FS-1 no = 0.5.
    expect(measure(bo, 'incidents')).toMatchObject({ value: null, score: null, basis: expect.stringContaining('no safety incidents') as unknown })
    expect(dimension(bo, 'safety_compliance')?.score).toBe(50)
    // Communication: 2 complaints after 2 resolved → 1 − 2 / 2 = 0; ratings of 4 or 5: 1 of 1 → (0 + 1) / 2 = 50.
    expect(dimension(bo, 'communication')?.score).toBe(50)
    // Improvement: suggestions answered at s1 in November: sg1 adopted, sg2 not = 50.
    expect(dimension(bo, 'improvement')?.score).toBe(50)
    // (30 × 58.33 + 25 × 51.84 + 20 × 50 + 15 × 50 + 10 × 50) / 100 = 52.96.
    expect(bo.score).toBeCloseTo((30 * (175 / 3) + 25 * efficiency + 20 * 50 + 15 * 50 + 10 * 50) / 100, 9)
    expect(bo.score).toBeCloseTo(52.96, 2)
  })

  it('leaves out what cannot be measured and shares its weight among the rest', () => {
    const ana = card(ANA)
    // No shifts on record: no share of shift hours; no certificates and no incidents: no safety score.
    expect(measure(ana, 'shift_share_on_work_orders')).toMatchObject({ value: null, score: null })
    expect(dimension(ana, 'safety_compliance')?.score).toBeNull()
    // Service quality: deadlines 2 of 3; fixes 3 of 3; rating 4 → 0.75: (2/3 + 1 + 0.75) / 3 = 80.56.
    // Efficiency: accepted → resolved 1 h 40, 30 min, 1 h 30: mean 1.22 h within 8 h = 100.
    // Communication: no complaints after 3 resolved = 1; good ratings 1 of 2 = 0.5: 75. Improvement 50.
    // (30 × 80.56 + 25 × 100 + 15 × 75 + 10 × 50) / (30 + 25 + 15 + 10) = 81.77.
    const service = ((2 / 3 + 1 + 0.75) / 3) * 100
    expect(ana.score).toBeCloseTo((30 * service + 25 * 100 + 15 * 75 + 10 * 50) / 80, 9)
  })

  it('weighs with overridden weights', () => {
    const overridden = overrideWeights(DEFAULT_SCORECARD, 'service_quality:100,efficiency:0,safety_compliance:0,communication:0,improvement:0')
    if (typeof overridden === 'string') throw new Error(overridden)
    expect(card(BO, overridden).score).toBeCloseTo(175 / 3, 9)
  })
})
