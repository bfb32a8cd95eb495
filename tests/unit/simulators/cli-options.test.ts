import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../../core/project-root.js'
import { formatFaultList, parseSimulatorArgs } from '../../../simulators/cli-options.js'
import { loadFleetFile } from '../../../simulators/fleet-file.js'

describe('parseSimulatorArgs', () => {
  it('gives defaults for no arguments', () => {
    expect(parseSimulatorArgs([])).toEqual({ faults: [], faultDurationMs: undefined, listFaults: false, intervalMs: undefined, rest: [] })
  })

  it('reads repeated faults, a duration, an interval and the list flag, with or without =', () => {
    expect(
      parseSimulatorArgs(['--fault', 'bearing-overheat:hv-a-pump-1', '--fault=offline:rp-fire', '--fault-duration', '90s', '--interval-ms=250', '--list-faults'])
    ).toEqual({
      faults: [
        { kind: 'bearing-overheat', equipmentId: 'hv-a-pump-1' },
        { kind: 'offline', equipmentId: 'rp-fire' }
      ],
      faultDurationMs: 90_000,
      listFaults: true,
      intervalMs: 250,
      rest: []
    })
  })

  it('understands ms, s, m and h durations', () => {
    const duration = (text: string): number | undefined => parseSimulatorArgs(['--fault-duration', text]).faultDurationMs
    expect([duration('500ms'), duration('1.5s'), duration('2m'), duration('1h')]).toEqual([500, 1500, 120_000, 3_600_000])
  })

  it('throws a one-line error for bad input', () => {
    const cases: [string[], string | RegExp][] = [
      [['--fault'], '--fault needs a value (e.g. --fault bearing-overheat:hv-a-pump-1)'],
      [['--fault', '--list-faults'], /--fault needs a value/],
      [['--fault', 'meltdown:hv-a-pump-1'], /Unknown fault kind "meltdown".*expected one of bearing-overheat, door-sluggish/],
      [['--fault-duration', '90'], '--fault-duration 90: expected a duration with a unit, e.g. 90s, 2m, 1h or 500ms'],
      [['--fault-duration', '0s'], /expected a duration/],
      [['--interval-ms', '1.5'], '--interval-ms 1.5: expected a whole number of milliseconds, at least 1'],
      [['--interval-ms', '0'], /at least 1/],
      [['--list-faults=yes'], '--list-faults takes no value'],
      [['--seed', '3'], /^Unknown option --seed \(simulator options: /]
    ]
    for (const [args, message] of cases) {
      let error: unknown
      try {
        parseSimulatorArgs(args)
      } catch (caught) {
        error = caught
      }
      expect(error, args.join(' ')).toBeInstanceOf(Error)
      const text = (error as Error).message
      expect(text).not.toContain('\n')
      if (typeof message === 'string') expect(text).toBe(message)
      else expect(text).toMatch(message)
    }
  })

  it('passes other options through when asked to', () => {
    expect(parseSimulatorArgs(['--port', '8080', '--fault', 'sensor-stuck:rp-lift-1'], { allowUnknown: true })).toMatchObject({
      faults: [{ kind: 'sensor-stuck', equipmentId: 'rp-lift-1' }],
      rest: ['--port', '8080']
    })
  })
})

describe('formatFaultList', () => {
  it('lists every kind with its equipment type and description', () => {
    const text = formatFaultList()
    expect(text).toMatch(/^ {2}bearing-overheat {2}pump {9}Drive-end bearing/m)
    expect(text).toMatch(/^ {2}door-sluggish +elevator /m)
    expect(text).toMatch(/^ {2}pressure-loss +fire_system /m)
    expect(text).toMatch(/^ {2}sensor-stuck +any /m)
    expect(text).toMatch(/^ {2}offline +any /m)
    expect(text).not.toContain('e.g. --fault')
  })

  it('names example equipment from a fleet', async () => {
    const fleet = await loadFleetFile(path.join(projectRoot(), 'simulators', 'fleet.yaml'))
    const text = formatFaultList(fleet)
    expect(text).toContain('e.g. --fault bearing-overheat:hv-a-pump-1   equipment: hv-a-pump-1, hv-a-pump-2, hv-b-pump-1, … (6 in all)')
    expect(text).toContain('e.g. --fault pressure-loss:hv-a-fire   equipment: hv-a-fire, hv-b-fire, rp-fire')
    expect(text).toContain('(17 in all)')
  })
})
