import type { Fleet } from '../core/domain/fleet.js'
import { DEFAULT_FAULT_DURATION_MS, FAULT_KINDS, FAULT_KIND_NAMES, faultAppliesTo, parseFaultSpec } from './faults.js'
import type { FaultSpec } from './faults.js'

/** The simulator's part of `vigil start` and `vigil simulate`. */
export interface SimulatorCliOptions {
  /** `--fault KIND:EQUIPMENT_ID`, repeatable. */
  faults: FaultSpec[]
  /** `--fault-duration 90s`: time to full severity, in milliseconds; undefined for the default. */
  faultDurationMs: number | undefined
  /** `--list-faults`: print the fault kinds and exit. */
  listFaults: boolean
  /** `--interval-ms N`: between two readings of one device; undefined for the default. */
  intervalMs: number | undefined
  /** Arguments this parser does not know, in order; always empty unless `allowUnknown`. */
  rest: string[]
}

const VALUE_FLAGS = ['--fault', '--fault-duration', '--interval-ms'] as const
type ValueFlag = (typeof VALUE_FLAGS)[number]

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Parses simulator flags (`--flag value` or `--flag=value`); throws an Error with a one-line message. */
export function parseSimulatorArgs(args: readonly string[], options: { allowUnknown?: boolean } = {}): SimulatorCliOptions {
  const result: SimulatorCliOptions = { faults: [], faultDurationMs: undefined, listFaults: false, intervalMs: undefined, rest: [] }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (flag === '--list-faults') {
      if (flag !== arg) throw new Error('--list-faults takes no value')
      result.listFaults = true
      continue
    }
    if (!isValueFlag(flag)) {
      if (!options.allowUnknown) throw new Error(`Unknown option ${arg} (simulator options: --fault KIND:EQUIPMENT_ID, --fault-duration 90s, --interval-ms N, --list-faults)`)
      result.rest.push(arg)
      continue
    }
    let value: string | undefined
    if (flag !== arg) {
      value = arg.slice(eq + 1)
    } else {
      const next = args[i + 1]
      if (next !== undefined && !next.startsWith('--')) {
        value = next
        i++
      }
    }
    if (value === undefined || value === '') throw new Error(`${flag} needs a value (${example(flag)})`)
    switch (flag) {
      case '--fault':
        result.faults.push(parseFaultSpec(value))
        break
      case '--fault-duration':
        result.faultDurationMs = parseDurationMs(value, flag)
        break
      case '--interval-ms':
        result.intervalMs = parsePositiveInteger(value, flag)
        break
    }
  }
  return result
}

/** What `--list-faults` prints: each kind with its equipment type and description, and example equipment from `fleet`. */
export function formatFaultList(fleet?: Fleet): string {
  const width = Math.max(...FAULT_KIND_NAMES.map((kind) => kind.length))
  const lines = [`Faults (--fault KIND:EQUIPMENT_ID; --fault-duration sets the time to full severity, default ${DEFAULT_FAULT_DURATION_MS / 1000}s):`]
  for (const kind of FAULT_KIND_NAMES) {
    const { equipmentType, description } = FAULT_KINDS[kind]
    lines.push(`  ${kind.padEnd(width)}  ${equipmentType.padEnd(11)}  ${description}`)
    if (fleet === undefined) continue
    const ids = fleet.equipment.filter((equipment) => faultAppliesTo(kind, equipment.type)).map((equipment) => equipment.id)
    if (ids.length === 0) continue
    const shown = ids.slice(0, 3).join(', ') + (ids.length > 3 ? `, … (${ids.length} in all)` : '')
    lines.push(`  ${''.padEnd(width)}  ${''.padEnd(11)}  e.g. --fault ${kind}:${ids[0]}   equipment: ${shown}`)
  }
  return lines.join('\n')
}

function isValueFlag(flag: string): flag is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(flag)
}

function example(flag: ValueFlag): string {
  switch (flag) {
    case '--fault':
      return 'e.g. --fault bearing-overheat:hv-a-pump-1'
    case '--fault-duration':
      return 'e.g. --fault-duration 90s'
    case '--interval-ms':
      return 'e.g. --interval-ms 1000'
  }
}

function parseDurationMs(text: string, flag: string): number {
  const match = DURATION.exec(text)
  const ms = match === null ? Number.NaN : Number(match[1]) * (UNIT_MS[match[2] as string] ?? Number.NaN)
  if (!(ms >= 1)) throw new Error(`${flag} ${text}: expected a duration with a unit, e.g. 90s, 2m, 1h or 500ms`)
  return Math.round(ms)
}

function parsePositiveInteger(text: string, flag: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!(Number.isSafeInteger(value) && value >= 1)) throw new Error(`${flag} ${text}: expected a whole number of milliseconds, at least 1`)
  return value
}
