import { describe, expect, it } from 'vitest'
import type { Device, Equipment } from '../../../core/domain/equipment.js'
import { FleetHeartbeats } from '../../../rules/fleet-heartbeats.js'
import type { WatchedDevice } from '../../../rules/fleet-heartbeats.js'
import { parseRuleFile } from '../../../rules/load-rule-book.js'
import type { RuleBook } from '../../../rules/rule-definition.js'
import type { RuleTransition } from '../../../rules/rules-engine.js'

const S = 1000
const T0 = Date.UTC(2024, 2, 1)

function book(): RuleBook {
  const parsed = parseRuleFile(
    'pump.yaml',
    `equipmentType: pump
rules:
  - {id: hot, title: Hot, metric: bearing_temp_c, detector: threshold, above: 80, severity: critical}
  - {id: sensor-offline, title: Sensor offline, detector: heartbeat, timeoutSeconds: 120, severity: warning, priority: low}
`
  )
  if (parsed.type === undefined) throw new Error(parsed.problems.join('\n'))
  return new Map([[parsed.type, parsed.rules]])
}

const pump = (id: string): Equipment => ({ id, siteId: 's1', buildingId: 'b1', type: 'pump', name: `Pump ${id}`, location: 'B2' })
const device = (id: string, equipment: Equipment): Device => ({ id, equipmentId: equipment.id, siteId: equipment.siteId, buildingId: equipment.buildingId, equipmentType: equipment.type })
const watched = (...pairs: [string, Equipment][]): WatchedDevice[] => pairs.map(([id, equipment]) => ({ device: device(id, equipment), equipment }))
const summary = (transitions: RuleTransition[]) => transitions.map((t) => `${t.equipment.id}:${t.rule.id}:${t.state}`)

describe('FleetHeartbeats', () => {
  const p1 = pump('p1')
  const p2 = pump('p2')
  const p3 = pump('p3')

  it('gives a first verdict on every equipment, offline ones included, then only changes', () => {
    const fleet = new FleetHeartbeats(book(), T0)
    const devices = watched(['gw1', p1], ['gw2', p2], ['gw3', p3])
    const first = fleet.check(T0, devices, new Map([['gw1', T0 - 2 * S], ['gw2', T0 - 3600 * S]]))
    expect(summary(first.transitions)).toEqual(['p1:sensor-offline:clear', 'p2:sensor-offline:fire', 'p3:sensor-offline:clear'])
    expect(first.transitions[1]?.explanation).toMatchObject({ value: 3600, limit: 120 })
    expect(first.transitions[1]?.ts).toBe(T0)

    // gw3 was never seen: offline 120 s after the engine started; gw2 comes back.
    const later = fleet.check(T0 + 121 * S, devices, new Map([['gw1', T0 + 120 * S], ['gw2', T0 + 118 * S]]))
    expect(summary(later.transitions)).toEqual(['p2:sensor-offline:clear', 'p3:sensor-offline:fire'])
    expect(fleet.check(T0 + 136 * S, devices, new Map([['gw1', T0 + 135 * S], ['gw2', T0 + 134 * S]])).transitions).toEqual([])
  })

  it('counts a device registered later from when it first appears', () => {
    const fleet = new FleetHeartbeats(book(), T0)
    fleet.check(T0, watched(['gw1', p1]), new Map([['gw1', T0]]))
    const devices = watched(['gw1', p1], ['gw2', p2])
    expect(summary(fleet.check(T0 + 100 * S, devices, new Map([['gw1', T0 + 100 * S]])).transitions)).toEqual(['p2:sensor-offline:clear'])
    expect(fleet.check(T0 + 220 * S, devices, new Map([['gw1', T0 + 220 * S]])).transitions).toEqual([])
    expect(summary(fleet.check(T0 + 221 * S, devices, new Map([['gw1', T0 + 221 * S]])).transitions)).toEqual(['p2:sensor-offline:fire'])
  })

  it('reports equipment offline while any of its devices is, and clears when the last is back', () => {
    const fleet = new FleetHeartbeats(book(), T0)
    const devices = watched(['gw1a', p1], ['gw1b', p1], ['gw2', p2])
    const seen = (a: number, b: number) => new Map([['gw1a', a], ['gw1b', b], ['gw2', T0 + 500 * S]])
    expect(summary(fleet.check(T0 + 500 * S, devices, seen(T0 + 500 * S, T0)).transitions)).toEqual(['p1:sensor-offline:fire', 'p2:sensor-offline:clear'])
    expect(fleet.check(T0 + 515 * S, devices, seen(T0, T0)).transitions).toEqual([])
    expect(fleet.check(T0 + 530 * S, devices, seen(T0 + 530 * S, T0)).transitions).toEqual([])
    expect(summary(fleet.check(T0 + 545 * S, devices, seen(T0 + 545 * S, T0 + 545 * S)).transitions)).toEqual(['p1:sensor-offline:clear'])
  })

  it('clears an offline equipment whose devices are no longer registered', () => {
    const fleet = new FleetHeartbeats(book(), T0)
    fleet.check(T0, watched(['gw1', p1], ['gw2', p2]), new Map([['gw1', T0 - 3600 * S], ['gw2', T0]]))
    const after = fleet.check(T0 + 15 * S, watched(['gw2', p2]), new Map([['gw2', T0 + 15 * S]]))
    expect(summary(after.transitions)).toEqual(['p1:sensor-offline:clear'])
    expect(after.transitions[0]?.explanation.message).toMatch(/no offline sensor of p1 is registered/)
  })

  it('holds its verdicts while the whole fleet is silent, and then counts from when it was heard again', () => {
    const fleet = new FleetHeartbeats(book(), T0)
    const devices = watched(['gw1', p1], ['gw2', p2])
    fleet.check(T0, devices, new Map([['gw1', T0], ['gw2', T0]]))
    // InfluxDB down from T0: nothing stored for 10 minutes.
    const blind = fleet.check(T0 + 600 * S, devices, new Map([['gw1', T0], ['gw2', T0]]))
    expect(blind).toEqual({ transitions: [], fleetSilent: true })
    // Back at T0 + 610 s: gw1 stored again, gw2 reconnects slowly — not offline until 120 s after the fleet was heard.
    expect(fleet.check(T0 + 615 * S, devices, new Map([['gw1', T0 + 610 * S], ['gw2', T0]])).transitions).toEqual([])
    expect(fleet.check(T0 + 730 * S, devices, new Map([['gw1', T0 + 730 * S], ['gw2', T0]])).transitions).toEqual([])
    const late = fleet.check(T0 + 731 * S, devices, new Map([['gw1', T0 + 731 * S], ['gw2', T0]]))
    expect(summary(late.transitions)).toEqual(['p2:sensor-offline:fire'])
    expect(late.transitions[0]?.explanation.value).toBe(731)
  })

  it('watches nothing for equipment types without a heartbeat rule', () => {
    const fleet = new FleetHeartbeats(book(), T0)
    const lift: Equipment = { ...pump('l1'), type: 'elevator' }
    expect(fleet.check(T0 + 3600 * S, watched(['gw-l1', lift]), new Map())).toEqual({ transitions: [], fleetSilent: false })
  })
})
