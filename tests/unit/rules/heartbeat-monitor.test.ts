import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Device, Equipment } from '../../../core/domain/equipment.js'
import { startHeartbeatMonitor } from '../../../rules/heartbeat-monitor.js'
import type { HeartbeatMonitor, HeartbeatMonitorDeps } from '../../../rules/heartbeat-monitor.js'
import { parseRuleFile } from '../../../rules/load-rule-book.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'
import { testLogger } from '../../helpers/test-logger.js'

const S = 1000
const T0 = Date.UTC(2024, 2, 1)

const parsed = parseRuleFile('pump.yaml', 'equipmentType: pump\nrules:\n  - {id: sensor-offline, title: Sensor offline, detector: heartbeat, timeoutSeconds: 120, severity: warning}\n')
const book = new Map([[parsed.type ?? 'pump', parsed.rules]])
const pump = (id: string, siteId = 's1'): Equipment => ({ id, siteId, buildingId: 'b1', type: 'pump', name: id, location: '' })
const gateway = (equipment: Equipment): Device => ({ id: `${equipment.id}-gw`, equipmentId: equipment.id, siteId: equipment.siteId, buildingId: equipment.buildingId, equipmentType: equipment.type })

/** A registry and last-seen hash in memory, and a clock the test moves. */
function fakes(equipment: Equipment[], lastSeen: Map<string, number>) {
  const clock = { now: T0 }
  const calls = { list: 0 }
  const deps = (overrides: Partial<HeartbeatMonitorDeps> = {}): HeartbeatMonitorDeps & { transitions: RuleTransition[] } => {
    const transitions: RuleTransition[] = []
    return {
      book,
      registry: {
        listDevices: () => {
          calls.list++
          return Promise.resolve(equipment.map(gateway))
        },
        listEquipment: () => Promise.resolve(equipment)
      },
      lastSeen: { read: (ids) => Promise.resolve(new Map(ids.flatMap((id) => (lastSeen.has(id) ? [[id, lastSeen.get(id) as number] as const] : [])))) },
      intervalMs: 15 * S,
      onTransition: (t) => transitions.push(t),
      logger: testLogger(),
      now: () => clock.now,
      transitions,
      ...overrides
    }
  }
  return { clock, calls, deps }
}

const summary = (transitions: RuleTransition[]) => transitions.map((t) => `${t.equipment.id}:${t.state}`)

describe('startHeartbeatMonitor', () => {
  let monitor: HeartbeatMonitor | undefined
  afterEach(async () => {
    await monitor?.close()
    vi.useRealTimers()
  })

  it('checks at once: a device silent since before the start is reported on the first check', async () => {
    const lastSeen = new Map([['p1-gw', T0 - 3600 * S], ['p2-gw', T0 - 1 * S]])
    const { deps } = fakes([pump('p1'), pump('p2')], lastSeen)
    const d = deps()
    monitor = startHeartbeatMonitor(d)
    await monitor.checkNow()
    expect(summary(d.transitions)).toEqual(['p1:fire', 'p2:clear'])
    expect(d.transitions[0]?.explanation.message).toMatch(/^sensor p1-gw offline: silent for 3600 s \(limit 120 s\); check the sensor or its gateway/)
  })

  it('watches only the devices of its sites', async () => {
    const { deps } = fakes([pump('p1', 's1'), pump('p2', 's2')], new Map([['p1-gw', T0], ['p2-gw', T0 - 3600 * S]]))
    const d = deps({ sites: ['s1'] })
    monitor = startHeartbeatMonitor(d)
    await monitor.checkNow()
    expect(summary(d.transitions)).toEqual(['p1:clear'])
  })

  it('hands every transition over even when one handler throws, and survives a failed read', async () => {
    const { deps, clock } = fakes([pump('p1'), pump('p2'), pump('p3')], new Map([['p1-gw', T0 - 3600 * S], ['p2-gw', T0 - 3600 * S], ['p3-gw', T0]]))
    const seen: string[] = []
    let failRead = false
    const d = deps({
      onTransition: (t) => {
        seen.push(t.equipment.id)
        if (t.equipment.id === 'p1') throw new Error('alert service refused')
      }
    })
    const read = d.lastSeen.read.bind(d.lastSeen)
    d.lastSeen = { read: (ids) => (failRead ? Promise.reject(new Error('redis down')) : read(ids)) }
    monitor = startHeartbeatMonitor(d)
    await monitor.checkNow()
    expect(seen).toEqual(['p1', 'p2', 'p3'])
    failRead = true
    await expect(monitor.checkNow()).rejects.toThrow('redis down')
    failRead = false
    clock.now += 15 * S
    await expect(monitor.checkNow()).resolves.toBeUndefined()
  })

  it('checks again every intervalMs until closed', async () => {
    vi.useFakeTimers()
    const { deps, calls } = fakes([pump('p1')], new Map([['p1-gw', T0]]))
    monitor = startHeartbeatMonitor(deps())
    await monitor.checkNow()
    const afterStart = calls.list
    await vi.advanceTimersByTimeAsync(15 * S)
    expect(calls.list).toBe(afterStart + 1)
    await monitor.close()
    await vi.advanceTimersByTimeAsync(60 * S)
    expect(calls.list).toBe(afterStart + 1)
  })
})
