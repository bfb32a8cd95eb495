import type { Dependents } from '../core/registry/registry-store.js'
import { PROBLEM_TYPES, ProblemError } from './problem.js'

/** 409: the id is taken. */
export function alreadyExists(what: string, path: string): ProblemError {
  return new ProblemError({
    type: PROBLEM_TYPES.conflict,
    title: 'Already exists',
    status: 409,
    detail: `${what} already exists; choose another id, or change it with PATCH ${path}`,
    errors: [{ field: 'body.id', message: 'is already taken' }]
  })
}

const plural = (kind: string, count: number): string => (count === 1 || kind.endsWith('equipment') ? kind : `${kind}s`)

/** 409: what still hangs off the record, by kind, with the first few ids of each. */
export function inUse(what: string, dependents: readonly Dependents[], remedy: string): ProblemError {
  const named = dependents.map(({ kind, ids }) => `${ids.length} ${plural(kind, ids.length)} (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', ...' : ''})`)
  return new ProblemError({
    type: PROBLEM_TYPES.conflict,
    title: 'Still in use',
    status: 409,
    detail: `${what} still has ${named.join(' and ')}; ${remedy}`
  })
}
