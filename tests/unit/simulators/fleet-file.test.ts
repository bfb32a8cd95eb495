import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EQUIPMENT_TYPES } from '../../../core/domain/equipment.js'
import { isValidId } from '../../../core/domain/ids.js'
import { projectRoot } from '../../../core/project-root.js'
import { FleetFileError, loadFleetFile, parseFleet } from '../../../simulators/fleet-file.js'

const FLEET_FILE = path.join(projectRoot(), 'simulators', 'fleet.yaml')

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run()
  } catch (error) {
    if (error instanceof FleetFileError) return error.problems
    throw error
  }
  throw new Error('expected a FleetFileError')
}

describe('the default fleet', () => {
  it('has two sites with buildings, every equipment type and one device per piece of equipment', async () => {
    const fleet = await loadFleetFile(FLEET_FILE)
    expect(fleet.sites.map((site) => site.id)).toEqual(['harbour-view', 'riverside'])
    expect(fleet.sites.every((site) => site.timezone === 'Asia/Shanghai')).toBe(true)
    expect(fleet.buildings.map((building) => `${building.siteId}/${building.id}`)).toEqual(['harbour-view/hv-tower-a', 'harbour-view/hv-tower-b', 'riverside/rp-main'])
    const count = (type: string): number => fleet.equipment.filter((equipment) => equipment.type === type).length
    expect(EQUIPMENT_TYPES.map(count)).toEqual([8, 6, 3])
    expect(fleet.devices).toHaveLength(fleet.equipment.length)

    for (const list of [fleet.sites, fleet.buildings, fleet.equipment, fleet.devices]) {
      const ids = list.map((item) => item.id)
      expect(ids.every(isValidId)).toBe(true)
      expect(new Set(ids).size).toBe(ids.length)
    }
    for (const equipment of fleet.equipment) {
      expect(equipment.name).not.toBe('')
      expect(equipment.location).not.toBe('')
      const device = fleet.devices.find((candidate) => candidate.equipmentId === equipment.id)
      expect(device).toEqual({ id: `${equipment.id}-gw`, equipmentId: equipment.id, siteId: equipment.siteId, buildingId: equipment.buildingId, equipmentType: equipment.type })
      expect(fleet.buildings.find((building) => building.id === equipment.buildingId)?.siteId).toBe(equipment.siteId)
    }
  })
})

describe('parseFleet', () => {
  const good = `
sites:
  - id: s1
    name: Site one
    timezone: Europe/London
    buildings:
      - id: b1
        name: Building one
        equipment:
          - id: p1
            type: pump
            name: Pump one
            location: Basement
            device: p1-gw
`

  it('fills devices from the hierarchy', () => {
    expect(parseFleet(good, 'good.yaml')).toEqual({
      sites: [{ id: 's1', name: 'Site one', timezone: 'Europe/London' }],
      buildings: [{ id: 'b1', siteId: 's1', name: 'Building one' }],
      equipment: [{ id: 'p1', siteId: 's1', buildingId: 'b1', type: 'pump', name: 'Pump one', location: 'Basement' }],
      devices: [{ id: 'p1-gw', equipmentId: 'p1', siteId: 's1', buildingId: 'b1', equipmentType: 'pump' }]
    })
  })

  it('lists every problem with the file name and line', () => {
    const bad = `sites:
  - id: s1
    name: Site one
    timezone: Mars/Olympus
    buildings:
      - id: B 1
        name: Building one
        equipment:
          - id: p1
            type: boiler
            name: Pump one
            location: Basement
            device: p1-gw
          - id: p1
            type: pump
            name: Pump again
            device: p1-gw
            colour: red
  - id: s2
    name: Site two
    timezone: Asia/Shanghai
`
    const problems = problemsOf(() => parseFleet(bad, 'bad.yaml'))
    expect(problems).toEqual([
      'bad.yaml:4 sites[0].timezone: unknown IANA time zone "Mars/Olympus" (e.g. Asia/Shanghai)',
      'bad.yaml:6 sites[0].buildings[0].id: building id "B 1" must be 1–63 lowercase letters, digits and dashes, starting with a letter or digit',
      'bad.yaml:10 sites[0].buildings[0].equipment[0].type: expected one of elevator, pump, fire_system, got "boiler"',
      'bad.yaml:18 sites[0].buildings[0].equipment[1].colour: unknown field (expected id, type, name, location, device)',
      'bad.yaml:14 sites[0].buildings[0].equipment[1].id: equipment id p1 is already used at line 9',
      'bad.yaml:14 sites[0].buildings[0].equipment[1].location: required text, got undefined',
      'bad.yaml:17 sites[0].buildings[0].equipment[1].device: device id p1-gw is already used at line 13',
      'bad.yaml:19 sites[1].buildings: expected a non-empty list of buildings'
    ])
    expect(() => parseFleet(bad, 'bad.yaml')).toThrow(/^Invalid fleet file bad\.yaml:\n {2}- bad\.yaml:4 /)
  })

  it('reports YAML syntax errors and a file without sites', () => {
    expect(problemsOf(() => parseFleet('sites: [\n  - id: x\n', 'broken.yaml'))[0]).toMatch(/^broken\.yaml:\d+ /)
    expect(problemsOf(() => parseFleet('', 'empty.yaml'))).toEqual(['empty.yaml:1 sites: expected a non-empty list of sites'])
    expect(problemsOf(() => parseFleet('- 1\n', 'list.yaml'))).toEqual(['list.yaml:1 (root): expected the fleet (a mapping with sites)'])
  })

  it('names the file when loading fails', async () => {
    await expect(loadFleetFile(path.join(projectRoot(), 'no-such-fleet.yaml'))).rejects.toThrow(/no-such-fleet\.yaml/)
  })
})
