import { describe, expect, it } from 'vitest'
import { chooseEngineer } from '../../../../core/domain/dispatch-choice.js'
import type { Engineer } from '../../../../core/domain/engineer.js'
import { engineer } from '../../../helpers/team-fixture.js'

// Wednesday 2026-12-02 10:00 in Shanghai (02:00 UTC).
const WEDNESDAY_10H = Date.parse('2026-12-02T02:00:00Z')
const PUMP_WORK = { siteId: 'hv-a', equipmentType: 'pump' as const, atMs: WEDNESDAY_10H, timeZone: 'Asia/Shanghai' }
const ELEVATOR_WORK = { ...PUMP_WORK, equipmentType: 'elevator' as const }
const WEEKDAYS_9_TO_17: Engineer['shifts'] = [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }]
const NIGHTS: Engineer['shifts'] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '06:00' }]

/** The fixture team at site hv-a. */
const TEAM: Engineer[] = [
  engineer('eng-ana', 'hv-a', { shifts: WEEKDAYS_9_TO_17 }),
  engineer('eng-bo', 'hv-a', { shifts: WEEKDAYS_9_TO_17 }),
  engineer('eng-cy', 'hv-a', { shifts: NIGHTS }),
  engineer('eng-dee', 'hv-a', { skills: ['pump', 'elevator'], certificates: [{ equipmentType: 'elevator', number: 'EL-1', expiresAt: '2026-12-01' }] }),
  engineer('eng-eli', 'hv-a', { skills: ['elevator'], certificates: [{ equipmentType: 'elevator', number: 'EL-2', expiresAt: '2027-06-30' }] }),
  engineer('eng-fay', 'other-site')
]

describe('chooseEngineer', () => {
  it('gives the work to the qualified engineer on shift with the lightest load', () => {
    const loads = new Map([
      ['eng-ana', 3],
      ['eng-bo', 1],
      ['eng-dee', 2]
    ])
    expect(chooseEngineer(TEAM, PUMP_WORK, loads)).toEqual({ engineerId: 'eng-bo', load: 1, candidates: 3 })
  })

  it('breaks a tie in load by id, so the same situation always gives the same choice', () => {
    expect(chooseEngineer(TEAM, PUMP_WORK, new Map())).toMatchObject({ engineerId: 'eng-ana', load: 0 })
    expect(chooseEngineer([...TEAM].reverse(), PUMP_WORK, new Map())).toMatchObject({ engineerId: 'eng-ana', load: 0 })
  })

  it('passes over engineers off shift, at another site, without the skill, or who declined', () => {
    const choice = chooseEngineer(TEAM, PUMP_WORK, new Map(), ['eng-ana', 'eng-bo', 'eng-dee'])
    expect(choice).toEqual({
      engineerId: undefined,
      passedOver: [
        { engineerId: 'eng-ana', reason: 'declined it' },
        { engineerId: 'eng-bo', reason: 'declined it' },
        { engineerId: 'eng-cy', reason: 'off_shift' },
        { engineerId: 'eng-dee', reason: 'declined it' },
        { engineerId: 'eng-eli', reason: 'no_skill' },
        { engineerId: 'eng-fay', reason: 'not_at_site' }
      ]
    })
  })

  it('gives elevator work only to an engineer whose elevator certificate is still valid that day', () => {
    // eng-dee's certificate ran out the day before; eng-eli's is valid.
    expect(chooseEngineer(TEAM, ELEVATOR_WORK, new Map([['eng-eli', 5]]))).toEqual({ engineerId: 'eng-eli', load: 5, candidates: 1 })
    const withoutEli = chooseEngineer(
      TEAM.filter((member) => member.id !== 'eng-eli'),
      ELEVATOR_WORK,
      new Map()
    )
    expect(withoutEli.engineerId).toBeUndefined()
    expect(withoutEli).toMatchObject({ passedOver: expect.arrayContaining([{ engineerId: 'eng-dee', reason: 'certificate_expired' }]) as unknown })
  })

  it('finds the night shift at night, across midnight', () => {
    const threeAm = Date.parse('2026-12-02T19:00:00Z') // Thursday 03:00 in Shanghai
    expect(chooseEngineer(TEAM, { ...PUMP_WORK, atMs: threeAm }, new Map([['eng-dee', 4]]))).toMatchObject({ engineerId: 'eng-cy' })
  })
})
