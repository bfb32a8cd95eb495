import { describe, expect, it } from 'vitest'
import { ruleOutcomes } from '../../../../core/analytics/rule-outcomes.js'
import { ALERTS, NOVEMBER, WORK_ORDERS } from '../../../helpers/analytics-fixture.js'

describe("each detection rule's alerts, real fixes and false-alarm rate", () => {
  it('follows every alert to its work order and how that was resolved', () => {
    expect(ruleOutcomes(ALERTS, WORK_ORDERS, NOVEMBER)).toEqual([
      // vibration-rise: a2 → WO-2, no_fault_found (a6 is October's). False alarms 1 of 1.
      { ruleId: 'vibration-rise', alerts: 1, withWorkOrder: 1, realFix: { count: 0, of: 1, rate: 0 }, falseAlarm: { count: 1, of: 1, rate: 1 } },
      // bearing-overheat: a1 → WO-1 repaired; a4 joined WO-1 (found through WO-1's source) repaired;
      // a3 → WO-7 cancelled, never resolved: neither. Real fixes 2 of 3, false alarms 0 of 3.
      { ruleId: 'bearing-overheat', alerts: 3, withWorkOrder: 3, realFix: { count: 2, of: 3, rate: 2 / 3 }, falseAlarm: { count: 0, of: 3, rate: 0 } },
      // door-fault: a5 opened no work (muted).
      { ruleId: 'door-fault', alerts: 1, withWorkOrder: 0, realFix: { count: 0, of: 1, rate: 0 }, falseAlarm: { count: 0, of: 1, rate: 0 } }
    ])
  })
})
