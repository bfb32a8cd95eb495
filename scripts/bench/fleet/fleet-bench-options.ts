import { parseArgs } from 'node:util'

export interface FleetBenchOptions {
  /** Seed of the fault schedule and of every device's readings. */
  seed: number
  /** Simulated days each piece of equipment runs. */
  days: number
  /** Copies of fleet.yaml side by side. */
  copies: number
  /** Also list every missed fault and every false alarm. */
  details: boolean
}

export const FLEET_BENCH_DEFAULTS: FleetBenchOptions = { seed: 1, days: 30, copies: 2, details: false }

/** `--seed N --days N --copies N --details`; throws an Error with a one-line message. */
export function parseFleetBenchArgs(args: readonly string[]): FleetBenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { seed: { type: 'string' }, days: { type: 'string' }, copies: { type: 'string' }, details: { type: 'boolean' } },
    strict: true
  })
  return {
    seed: wholeNumber('--seed', values.seed, FLEET_BENCH_DEFAULTS.seed, 0, 0xffff_ffff),
    days: wholeNumber('--days', values.days, FLEET_BENCH_DEFAULTS.days, 2, 3650),
    copies: wholeNumber('--copies', values.copies, FLEET_BENCH_DEFAULTS.copies, 1, 1000),
    details: values.details ?? FLEET_BENCH_DEFAULTS.details
  }
}

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) throw new Error(`${flag} expects a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`)
  return value
}
