import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { Fleet } from '../../../core/domain/fleet.js'
import { parseFleet } from '../../../simulators/fleet-file.js'
import { startFleetSimulator } from '../../../simulators/fleet-simulator.js'
import type { SimulatorOptions } from '../../../simulators/fleet-simulator.js'

// Only the checks made before any client connects: these runs never open a socket.
const fleet: Fleet = parseFleet(
  `
sites:
  - id: s1
    name: Site one
    timezone: Asia/Shanghai
    buildings:
      - id: b1
        name: Building one
        equipment:
          - { id: p1, type: pump, name: Pump one, location: Basement, device: p1-gw }
          - { id: l1, type: elevator, name: Lift one, location: Core, device: l1-gw }
`,
  'test-fleet.yaml'
)

const options: SimulatorOptions = {
  brokerUrl: 'mqtt://127.0.0.1:1',
  intervalMs: 1000,
  credentials: new Map([
    ['p1-gw', 'secret-1'],
    ['l1-gw', 'secret-2']
  ]),
  logger: pino({ level: 'silent' })
}

describe('startFleetSimulator checks its input before connecting', () => {
  it('names every device without credentials', async () => {
    await expect(startFleetSimulator(fleet, { ...options, credentials: new Map() })).rejects.toThrow('Simulator has no MQTT credentials for devices p1-gw, l1-gw')
  })

  it('refuses a fault for unknown, unsimulated or mismatched equipment', async () => {
    await expect(startFleetSimulator(fleet, { ...options, faults: [{ kind: 'offline', equipmentId: 'p9' }] })).rejects.toThrow('Fault offline:p9: no such equipment in the fleet')
    await expect(startFleetSimulator(fleet, { ...options, deviceIds: ['p1-gw'], faults: [{ kind: 'offline', equipmentId: 'l1' }] })).rejects.toThrow(
      'Fault offline:l1: that equipment is not simulated in this run'
    )
    await expect(startFleetSimulator(fleet, { ...options, faults: [{ kind: 'bearing-overheat', equipmentId: 'l1' }] })).rejects.toThrow(
      'Fault bearing-overheat:l1: bearing-overheat applies to pump equipment, l1 is elevator'
    )
  })

  it('refuses unknown device ids and a bad interval', async () => {
    await expect(startFleetSimulator(fleet, { ...options, deviceIds: ['zz-gw'] })).rejects.toThrow('Simulator deviceIds not in the fleet: zz-gw')
    await expect(startFleetSimulator(fleet, { ...options, intervalMs: 0 })).rejects.toThrow(/intervalMs must be a positive number/)
  })
})
