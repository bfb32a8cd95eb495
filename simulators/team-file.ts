import { readFile } from 'node:fs/promises'
import { FormatRegistry, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { parse } from 'yaml'
import { engineerProblem } from '../api/engineer-checks.js'
import { EMPTY_ENGINEER, NewEngineerSchema, engineerOf } from '../api/engineer-schemas.js'
import type { Engineer } from '../core/domain/engineer.js'

/** Every problem in a team file, each as `file: path: what is wrong`. */
export class TeamFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: readonly string[]
  ) {
    super(`Invalid team file ${fileName}:\n  - ${problems.join('\n  - ')}`)
    this.name = 'TeamFileError'
  }
}

// The API checks these formats through Ajv; TypeBox's own checker needs to be told them.
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (value) => /^[^\s@]+@[^\s@]+$/.test(value))

const TeamFileSchema = Type.Object({ engineers: Type.Array(NewEngineerSchema) }, { additionalProperties: false })

export async function loadTeamFile(file: string): Promise<Engineer[]> {
  return parseTeam(await readFile(file, 'utf8'), file)
}

/** The engineers a team file lists, checked exactly as POST /api/v1/engineers checks them. */
export function parseTeam(text: string, fileName: string): Engineer[] {
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    throw new TeamFileError(fileName, [(error as Error).message.split('\n')[0] ?? 'not YAML'])
  }
  const problems = [...Value.Errors(TeamFileSchema, document)].map((error) => `${error.path.slice(1).replaceAll('/', '.') || '(top)'}: ${error.message}`)
  if (problems.length > 0) throw new TeamFileError(fileName, problems)
  const team = Value.Decode(TeamFileSchema, document).engineers.map(({ id, ...fields }): Engineer => engineerOf({ id, name: fields.name, ...EMPTY_ENGINEER }, fields))
  const seen = new Set<string>()
  for (const [index, engineer] of team.entries()) {
    if (seen.has(engineer.id)) problems.push(`engineers.${index}.id: engineer ${engineer.id} is listed twice`)
    seen.add(engineer.id)
    const problem = engineerProblem(engineer)
    if (problem !== undefined) problems.push(`engineers.${index}: ${problem.message}`)
  }
  if (problems.length > 0) throw new TeamFileError(fileName, problems)
  return team
}
