import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadFleetFile } from '../../../simulators/fleet-file.js'
import { TeamFileError, loadTeamFile, parseTeam } from '../../../simulators/team-file.js'

const SIMULATORS = path.join(import.meta.dirname, '..', '..', '..', 'simulators')

describe('the team file', () => {
  it('ships a team that covers every site of the shipped fleet and every equipment type, day and night', async () => {
    const [team, fleet] = await Promise.all([loadTeamFile(path.join(SIMULATORS, 'team.yaml')), loadFleetFile(path.join(SIMULATORS, 'fleet.yaml'))])
    for (const site of fleet.sites) {
      const here = team.filter((engineer) => engineer.sites.some((coverage) => coverage.siteId === site.id))
      expect(new Set(here.flatMap((engineer) => engineer.skills))).toEqual(new Set(['elevator', 'pump', 'fire_system']))
      expect(here.filter((engineer) => engineer.sites.some((coverage) => coverage.siteId === site.id && coverage.supervisor))).toHaveLength(1)
    }
    expect(team.find((engineer) => engineer.id === 'cy-wang')?.shifts).toContainEqual({ days: [1, 2, 3, 4, 5], start: '17:00', end: '08:00' })
  })

  it('names the field of every problem, checked as the API checks an engineer', () => {
    const text = `engineers:
  - id: Ana
    name: Ana
    skills: [pump, crane]
    shifts: [{ days: [1], start: "25:00", end: "08:00" }]
  - id: bo
    name: Bo
    skills: [pump]
    certificates: [{ equipmentType: pump, number: X, expiresAt: "2030-01-01" }]
`
    const problems = (() => {
      try {
        parseTeam(text, 'team.yaml')
      } catch (error) {
        return error instanceof TeamFileError ? error.problems.join('\n') : String(error)
      }
      return 'no error'
    })()
    expect(problems).toMatch(/engineers\.0\.id: /)
    expect(problems).toMatch(/engineers\.0\.skills\.1: /)
    expect(problems).toMatch(/engineers\.0\.shifts\.0\.start: /)
  })

  it('refuses what the schema allows but the API does not: a certificate for pump work', () => {
    expect(() => parseTeam('engineers:\n  - { id: bo, name: Bo, skills: [pump], certificates: [{ equipmentType: pump, number: X, expiresAt: "2030-01-01" }] }\n', 'team.yaml')).toThrow(/engineers\.0: .*pump work needs no certificate/)
  })
})
