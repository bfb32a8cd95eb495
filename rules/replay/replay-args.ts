import path from 'node:path'
import { parseArgs } from 'node:util'
import { EQUIPMENT_TYPES, isEquipmentType } from '../../core/domain/equipment.js'
import type { EquipmentType } from '../../core/domain/equipment.js'
import { ReplayInputError } from './replay-input-error.js'

export const REPLAY_USAGE = `Usage: vigil replay FILE.csv [options]

Runs the rules offline over a CSV of one piece of equipment's readings, as fast as it can, and
writes the alert events the running service would have raised, one JSON object a line.

  --rules PATH       a rules directory, or one rule file (YAML); default: RULES_DIR (rules/config)
  --type TYPE        the equipment type whose rules to run: ${EQUIPMENT_TYPES.join(', ')};
                     default: the only type of --rules when it has one, else pump
  --equipment ID     the equipment's id in the output; default: the file's name without .csv
  --sep CHAR         field separator; default ',' (SKAB uses ';'; 'tab' or '\\t' for tabs)
  --time-col NAME    the time column; default: the first named time, timestamp or datetime,
                     else the first column
  --out FILE         write the JSON lines to FILE; default: standard output

Every other column is a metric, named after its header: lowercase, other characters as '_'
('Volume Flow RateRMS' is volume_flow_raterms). Times are ISO-8601 or 'YYYY-MM-DD HH:MM:SS'
(no zone: UTC), or epoch seconds or milliseconds. A summary goes to standard error.`

export interface ReplayArgs {
  file: string
  /** Undefined: the default rules directory. */
  rules: string | undefined
  /** Undefined: the only type in the rules, else pump. */
  type: EquipmentType | undefined
  equipmentId: string
  separator: string
  timeColumn: string | undefined
  /** Undefined: standard output. */
  out: string | undefined
}

/** `vigil replay`'s arguments, or 'help'. Throws ReplayInputError with a one-line message. */
export function parseReplayArgs(args: readonly string[]): ReplayArgs | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        rules: { type: 'string' },
        type: { type: 'string' },
        equipment: { type: 'string' },
        sep: { type: 'string' },
        'time-col': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new ReplayInputError(`${(error as Error).message} (vigil replay --help lists the options)`)
  }
  const { values, positionals } = parsed
  if (values.help === true) return 'help'
  const [file, ...extra] = positionals
  if (file === undefined) throw new ReplayInputError('replay needs a CSV file: vigil replay FILE.csv [options] (--help lists them)')
  if (extra.length > 0) throw new ReplayInputError(`replay takes one CSV file; also got ${extra.join(' ')}`)
  const type = values.type
  if (type !== undefined && !isEquipmentType(type)) throw new ReplayInputError(`--type ${type}: expected one of ${EQUIPMENT_TYPES.join(', ')}`)
  const equipmentId = values.equipment ?? path.basename(file).replace(/\.csv$/i, '')
  if (equipmentId === '') throw new ReplayInputError('--equipment needs an id')
  return {
    file,
    rules: values.rules,
    type,
    equipmentId,
    separator: separatorOf(values.sep ?? ','),
    timeColumn: values['time-col'],
    out: values.out
  }
}

function separatorOf(value: string): string {
  if (value === 'tab' || value === '\\t') return '\t'
  if (value === '') throw new ReplayInputError("--sep needs a separator (e.g. ';')")
  return value
}
