import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Fleet } from '../../../../core/domain/fleet.js'
import { projectRoot } from '../../../../core/project-root.js'
import { loadRuleBook } from '../../../../rules/load-rule-book.js'
import type { ScheduledFault } from '../../../../scripts/bench/fleet/fault-schedule.js'
import { runFleet } from '../../../../scripts/bench/fleet/run-fleet.js'
import { testLogger } from '../../../helpers/test-logger.js'

const HOUR = 3_600_000
const START = Date.UTC(2024, 0, 1)
const FLEET: Fleet = {
  sites: [{ id: 's', name: 'Site', timezone: 'Asia/Shanghai' }],
  buildings: [{ id: 'b', siteId: 's', name: 'Building' }],
  equipment: [
    { id: 'pump-1', siteId: 's', buildingId: 'b', type: 'pump', name: 'Pump 1', location: 'B2' },
    { id: 'pump-2', siteId: 's', buildingId: 'b', type: 'pump', name: 'Pump 2', location: 'B2' }
  ],
  devices: [
    { id: 'pump-1-gw', equipmentId: 'pump-1', siteId: 's', buildingId: 'b', equipmentType: 'pump' },
    { id: 'pump-2-gw', equipmentId: 'pump-2', siteId: 's', buildingId: 'b', equipmentType: 'pump' }
  ]
}

describe('runFleet', () => {
  it('runs the production rules in virtual time: a bearing fault on one pump and a dead gateway on the other each open an alert, nothing else does', async () => {
    const book = await loadRuleBook(path.join(projectRoot(), 'rules', 'config'))
    const faults: ScheduledFault[] = [
      { kind: 'bearing-overheat', equipmentId: 'pump-1', onsetMs: START + 2 * HOUR, durationMs: HOUR, failureMs: START + 3 * HOUR, repairedMs: START + 4 * HOUR },
      { kind: 'offline', equipmentId: 'pump-2', onsetMs: START + 2 * HOUR, durationMs: HOUR, failureMs: START + 2 * HOUR, repairedMs: START + 3 * HOUR }
    ]
    const result = await runFleet({ fleet: FLEET, book, faults, startMs: START, endMs: START + 6 * HOUR, intervalMs: 1000, heartbeatEveryMs: 15_000, seed: 1, logger: testLogger() })
    const opened = (equipmentId: string) => result.alarms.filter((alarm) => alarm.equipmentId === equipmentId)
    expect(opened('pump-1').length).toBeGreaterThan(0)
    for (const alarm of opened('pump-1')) {
      expect(alarm.atMs).toBeGreaterThan(START + 2 * HOUR)
      expect(alarm.atMs).toBeLessThan(START + 3 * HOUR)
    }
    expect(opened('pump-2').map((alarm) => alarm.ruleId)).toEqual(['sensor-offline'])
    expect(opened('pump-2')[0]?.atMs).toBeLessThan(START + 2 * HOUR + 3 * 60_000)
    // Two pumps for six hours, a reading a second, less an hour offline and the random gaps (0.1 % a reading, 5–30 s each).
    expect(result.readings).toBeGreaterThan(2 * 6 * 3600 - 3600 - 2000)
    expect(result.readings).toBeLessThanOrEqual(2 * 6 * 3600 - 3600)
    expect(result.workOrders).toBe(new Set(result.alarms.map((alarm) => alarm.ruleId + alarm.equipmentId)).size)
  })
})
