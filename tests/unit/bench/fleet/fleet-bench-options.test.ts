import { describe, expect, it } from 'vitest'
import { FLEET_BENCH_DEFAULTS, parseFleetBenchArgs } from '../../../../scripts/bench/fleet/fleet-bench-options.js'

describe('parseFleetBenchArgs', () => {
  it('reads --seed, --days, --copies and --details, with defaults', () => {
    expect(parseFleetBenchArgs([])).toEqual(FLEET_BENCH_DEFAULTS)
    expect(parseFleetBenchArgs(['--seed', '7', '--days=10', '--copies', '3', '--details'])).toEqual({ seed: 7, days: 10, copies: 3, details: true })
  })

  it('refuses what is not a whole number in range, and unknown flags', () => {
    expect(() => parseFleetBenchArgs(['--days', '1'])).toThrow('--days expects a whole number from 2 to 3650, got "1"')
    expect(() => parseFleetBenchArgs(['--seed', '-1'])).toThrow(/--seed/)
    expect(() => parseFleetBenchArgs(['--copies', '2.5'])).toThrow(/--copies/)
    expect(() => parseFleetBenchArgs(['--speed', '2'])).toThrow()
  })
})
