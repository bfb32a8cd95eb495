import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { LineCounter, isNode, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import { ALERT_SEVERITIES, priorityForSeverity } from '../core/domain/alert.js'
import type { AlertSeverity } from '../core/domain/alert.js'
import { isValidId } from '../core/domain/ids.js'
import { isEquipmentType } from '../core/domain/equipment.js'
import type { EquipmentType } from '../core/domain/equipment.js'
import { WORK_ORDER_PRIORITIES } from '../core/domain/work-order.js'
import type { WorkOrderPriority } from '../core/domain/work-order.js'
import { METRIC_NAME_PATTERN } from '../core/telemetry/decode-telemetry.js'
import type { RuleBook, RuleDefinition } from './rule-definition.js'

/** Every problem in the rule files, each as `file:line field: what is wrong`. */
export class RuleFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid rule files:\n  - ${problems.join('\n  - ')}`)
    this.name = 'RuleFileError'
  }
}

/** Loads `*.yaml` in `dir`, one file per equipment type; throws RuleFileError listing every problem. */
export async function loadRuleBook(dir: string): Promise<RuleBook> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort()
  const book = new Map<EquipmentType, RuleDefinition[]>()
  const problems: string[] = []
  for (const name of files) {
    const file = path.join(dir, name)
    const parsed = parseRuleFile(name, await readFile(file, 'utf8'))
    problems.push(...parsed.problems)
    if (parsed.type === undefined) continue
    if (book.has(parsed.type)) {
      problems.push(`${name}: equipmentType ${parsed.type} is already defined by another file`)
      continue
    }
    book.set(parsed.type, parsed.rules)
  }
  if (problems.length > 0) throw new RuleFileError(problems)
  return book
}

export interface ParsedRuleFile {
  type: EquipmentType | undefined
  rules: RuleDefinition[]
  problems: string[]
}

/** Parses and checks one file's text; `fileName` only labels the problems. */
export function parseRuleFile(fileName: string, text: string): ParsedRuleFile {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const problems: string[] = []
  const at = (fieldPath: (string | number)[]): string => `${fileName}:${lineOf(doc, lineCounter, fieldPath)} ${fieldPath.join('.')}`
  for (const error of doc.errors) problems.push(`${fileName}:${lineCounter.linePos(error.pos[0]).line} ${error.message.split('\n')[0] ?? ''}`)
  if (problems.length > 0) return { type: undefined, rules: [], problems }

  const root: unknown = doc.toJS()
  if (!isRecord(root)) return { type: undefined, rules: [], problems: [`${fileName}:1 expected a mapping with equipmentType and rules`] }
  const type = root.equipmentType
  if (typeof type !== 'string' || !isEquipmentType(type)) {
    problems.push(`${at(['equipmentType'])}: expected elevator, pump or fire_system, got ${JSON.stringify(type)}`)
  }
  if (!Array.isArray(root.rules)) {
    problems.push(`${at(['rules'])}: expected a list of rules`)
    return { type: undefined, rules: [], problems }
  }
  const rules: RuleDefinition[] = []
  const ids = new Set<string>()
  root.rules.forEach((raw: unknown, index: number) => {
    const field = new FieldReader(raw, ['rules', index], at, problems)
    const rule = readRule(field)
    if (rule === undefined) return
    if (ids.has(rule.id)) problems.push(`${at(['rules', index, 'id'])}: rule id ${rule.id} is used twice`)
    ids.add(rule.id)
    rules.push(rule)
  })
  return { type: problems.length === 0 && typeof type === 'string' && isEquipmentType(type) ? type : undefined, rules, problems }
}

function readRule(field: FieldReader): RuleDefinition | undefined {
  if (!field.isRecord()) return undefined
  const before = field.problems.length
  const id = field.string('id', { check: isValidId, expect: 'lowercase letters, digits and dashes' })
  const title = field.string('title')
  const metric = field.string('metric', { check: (v) => METRIC_NAME_PATTERN.test(v), expect: `a metric name matching ${METRIC_NAME_PATTERN.source}` })
  const severity = field.oneOf<AlertSeverity>('severity', ALERT_SEVERITIES)
  const priority = field.oneOf<WorkOrderPriority>('priority', WORK_ORDER_PRIORITIES, severity === undefined ? 'normal' : priorityForSeverity(severity))
  const detector = field.oneOf('detector', ['threshold', 'ewma'] as const)
  if (detector === 'threshold') {
    const above = field.optionalNumber('above')
    const below = field.optionalNumber('below')
    if ((above === undefined) === (below === undefined)) field.problem('above', 'give exactly one of above and below')
    const clearAt = field.optionalNumber('clearAt')
    const forSeconds = field.number('forSeconds', { min: 0, fallback: 0 })
    if (field.problems.length > before || id === undefined || title === undefined || metric === undefined || severity === undefined || priority === undefined || forSeconds === undefined) return undefined
    return { id, title, metric, severity, priority, detector, params: { metric, above, below, clearAt, forMs: forSeconds * 1000 } }
  }
  if (detector === 'ewma') {
    const lambda = field.number('lambda', { min: 0.001, max: 1, fallback: 0.1 })
    const sigmas = field.number('sigmas', { min: 0.5, max: 100, fallback: 5 })
    const warmupSamples = field.number('warmupSamples', { min: 2, max: 1_000_000, fallback: 120 })
    const baselineAlpha = field.number('baselineAlpha', { min: 0, max: 1, fallback: 0.005 })
    const direction = field.oneOf('direction', ['up', 'down', 'both'] as const, 'both')
    const minStdDev = field.number('minStdDev', { min: 0, fallback: 0 })
    if (
      field.problems.length > before || id === undefined || title === undefined || metric === undefined || severity === undefined ||
      priority === undefined || lambda === undefined || sigmas === undefined || warmupSamples === undefined ||
      baselineAlpha === undefined || direction === undefined || minStdDev === undefined
    ) {
      return undefined
    }
    return { id, title, metric, severity, priority, detector, params: { metric, lambda, sigmas, warmupSamples: Math.round(warmupSamples), baselineAlpha, direction, minStdDev } }
  }
  return undefined
}

/** Reads fields of one YAML mapping, recording each problem with its file, line and path. */
class FieldReader {
  constructor(
    private readonly value: unknown,
    private readonly path: (string | number)[],
    private readonly at: (fieldPath: (string | number)[]) => string,
    readonly problems: string[]
  ) {}

  isRecord(): boolean {
    if (isRecord(this.value)) return true
    this.problems.push(`${this.at(this.path)}: expected a rule (a mapping)`)
    return false
  }

  problem(key: string, message: string): void {
    this.problems.push(`${this.at([...this.path, key])}: ${message}`)
  }

  private get(key: string): unknown {
    return (this.value as Record<string, unknown>)[key]
  }

  string(key: string, rule?: { check: (value: string) => boolean; expect: string }): string | undefined {
    const value = this.get(key)
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, `required text, got ${JSON.stringify(value)}`)
      return undefined
    }
    if (rule !== undefined && !rule.check(value)) {
      this.problem(key, `expected ${rule.expect}, got ${JSON.stringify(value)}`)
      return undefined
    }
    return value
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.get(key)
    if (value === undefined && fallback !== undefined) return fallback
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problem(key, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`)
      return undefined
    }
    return value as T
  }

  optionalNumber(key: string): number | undefined {
    const value = this.get(key)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(key, `expected a number, got ${JSON.stringify(value)}`)
      return undefined
    }
    return value
  }

  number(key: string, range: { min?: number; max?: number; fallback?: number }): number | undefined {
    const value = this.get(key) ?? range.fallback
    const { min = -Infinity, max = Infinity } = range
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.problem(key, `expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`)
      return undefined
    }
    return value
  }
}

/** The line of the deepest node on `fieldPath` that exists: the field itself, else what should hold it. */
function lineOf(doc: Document, lineCounter: LineCounter, fieldPath: (string | number)[]): number {
  for (let depth = fieldPath.length; depth > 0; depth--) {
    const node = doc.getIn(fieldPath.slice(0, depth), true)
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
  }
  return 1
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
