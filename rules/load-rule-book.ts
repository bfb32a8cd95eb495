import { CHECKLIST_TEMPLATES } from '../core/maintenance/checklist-templates.js'
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
import { DETECTOR_KINDS } from './rule-definition.js'
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
  return (await loadRuleBookWithSources(dir)).book
}

/** Each rule's mapping as written in its file, by equipment type and rule id: what an override is applied to. */
export type RuleSources = ReadonlyMap<EquipmentType, ReadonlyMap<string, Record<string, unknown>>>

/** The rule book and the mappings it was read from. */
export async function loadRuleBookWithSources(dir: string): Promise<{ book: RuleBook; sources: RuleSources }> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort()
  const book = new Map<EquipmentType, RuleDefinition[]>()
  const sources = new Map<EquipmentType, Map<string, Record<string, unknown>>>()
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
    sources.set(parsed.type, parsed.sources)
  }
  if (problems.length > 0) throw new RuleFileError(problems)
  return { book, sources }
}

/**
 * A rule with some of its fields set otherwise (a per-equipment override): the file's mapping with
 * `fields` laid over it, checked exactly like the file. The id and detector cannot change.
 * Problems read `<label>.<field>: what is wrong`.
 */
export function overrideRule(source: Record<string, unknown>, fields: Record<string, unknown>, label: string): { rule: RuleDefinition | undefined; problems: string[] } {
  const problems: string[] = []
  for (const fixed of ['id', 'detector']) if (fixed in fields) problems.push(`${label}.${fixed}: cannot be overridden; write another rule instead`)
  const field = new FieldReader({ ...source, ...fields, id: source.id, detector: source.detector }, [], (fieldPath) => `${label}.${fieldPath.join('.')}`, problems)
  const rule = readRule(field)
  return { rule: problems.length === 0 ? rule : undefined, problems }
}

/** Loads one rule file (a replay's `--rules FILE`): a book of its one equipment type; throws RuleFileError. */
export async function loadRuleFile(file: string): Promise<RuleBook> {
  const parsed = parseRuleFile(path.basename(file), await readFile(file, 'utf8'))
  if (parsed.problems.length > 0 || parsed.type === undefined) throw new RuleFileError(parsed.problems)
  return new Map([[parsed.type, parsed.rules]])
}

export interface ParsedRuleFile {
  type: EquipmentType | undefined
  rules: RuleDefinition[]
  /** Each rule's mapping, by id. */
  sources: Map<string, Record<string, unknown>>
  problems: string[]
}

/** Parses and checks one file's text; `fileName` only labels the problems. */
export function parseRuleFile(fileName: string, text: string): ParsedRuleFile {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const problems: string[] = []
  const at = (fieldPath: (string | number)[]): string => `${fileName}:${lineOf(doc, lineCounter, fieldPath)} ${fieldPath.join('.')}`
  for (const error of doc.errors) problems.push(`${fileName}:${lineCounter.linePos(error.pos[0]).line} ${error.message.split('\n')[0] ?? ''}`)
  if (problems.length > 0) return { type: undefined, rules: [], sources: new Map(), problems }

  const root: unknown = doc.toJS()
  if (!isRecord(root)) return { type: undefined, rules: [], sources: new Map(), problems: [`${fileName}:1 expected a mapping with equipmentType and rules`] }
  const type = root.equipmentType
  if (typeof type !== 'string' || !isEquipmentType(type)) {
    problems.push(`${at(['equipmentType'])}: expected elevator, pump or fire_system, got ${JSON.stringify(type)}`)
  }
  if (!Array.isArray(root.rules)) {
    problems.push(`${at(['rules'])}: expected a list of rules`)
    return { type: undefined, rules: [], sources: new Map(), problems }
  }
  const rules: RuleDefinition[] = []
  const sources = new Map<string, Record<string, unknown>>()
  const ids = new Set<string>()
  root.rules.forEach((raw: unknown, index: number) => {
    const field = new FieldReader(raw, ['rules', index], at, problems)
    const rule = readRule(field)
    if (rule === undefined) return
    if (ids.has(rule.id)) problems.push(`${at(['rules', index, 'id'])}: rule id ${rule.id} is used twice`)
    ids.add(rule.id)
    rules.push(rule)
    sources.set(rule.id, raw as Record<string, unknown>)
  })
  return { type: problems.length === 0 && typeof type === 'string' && isEquipmentType(type) ? type : undefined, rules, sources, problems }
}

/**
 * Detectors that warn before anything has failed — a drift, a forecast — open preventive work by
 * default; a limit, range or stuck sensor means something is wrong now: corrective work. A rule
 * can say otherwise with `workOrder:`.
 */
const EARLY_WARNINGS: ReadonlySet<string> = new Set(['ewma', 'cusum', 'trend'])

function readRule(field: FieldReader): RuleDefinition | undefined {
  if (!field.isRecord()) return undefined
  const before = field.problems.length
  const metricName = { check: (v: string) => METRIC_NAME_PATTERN.test(v), expect: `a metric name matching ${METRIC_NAME_PATTERN.source}` }
  const id = field.string('id', { check: isValidId, expect: 'lowercase letters, digits and dashes' })
  const title = field.string('title')
  const severity = field.oneOf<AlertSeverity>('severity', ALERT_SEVERITIES)
  const priority = field.oneOf<WorkOrderPriority>('priority', WORK_ORDER_PRIORITIES, priorityForSeverity(severity))
  const detector = field.oneOf('detector', DETECTOR_KINDS)
  const workOrderKind = field.oneOf('workOrder', ['corrective', 'preventive'] as const, EARLY_WARNINGS.has(detector) ? 'preventive' : 'corrective')
  const checklistTemplateId = field.optionalOneOf('checklist', CHECKLIST_TEMPLATES.map((template) => template.id))
  const common = { id, title, severity, priority, workOrderKind, ...(checklistTemplateId === undefined ? {} : { checklistTemplateId }) }
  const rule = ((): RuleDefinition => {
    if (detector === 'multivariate') {
      const metrics = field.stringList('metrics', metricName, 2)
      return {
        ...common,
        metric: metrics.join('+'),
        metrics,
        detector,
        params: {
          metrics,
          warmupSamples: Math.round(field.number('warmupSamples', { min: Math.max(8, metrics.length * 4), fallback: 400 })),
          lambda: field.number('lambda', { min: 0.001, max: 1, fallback: 0.2 }),
          quantile: field.number('quantile', { min: 0.5, max: 1, fallback: 0.995 }),
          factor: field.number('factor', { min: 0.1, max: 100, fallback: 1.5 }),
          consecutive: Math.round(field.number('consecutive', { min: 1, max: 10_000, fallback: 3 })),
          ridge: field.number('ridge', { min: 0, max: 100, fallback: 0.01 })
        }
      }
    }
    if (detector === 'heartbeat') {
      // Watches the device's silence, not a metric: no reading names it.
      return { ...common, metric: '', metrics: [], detector, params: { timeoutMs: field.number('timeoutSeconds', { min: 1, max: 7 * 86_400 }) * 1000 } }
    }
    const metric = field.string('metric', metricName)
    const base = { ...common, metric, metrics: [metric] }
    switch (detector) {
      case 'threshold': {
        const { above, below } = field.aboveOrBelow()
        return { ...base, detector, params: { metric, above, below, clearAt: field.optionalNumber('clearAt'), forMs: field.number('forSeconds', { min: 0, fallback: 0 }) * 1000 } }
      }
      case 'ewma':
        return {
          ...base,
          detector,
          params: {
            metric,
            lambda: field.number('lambda', { min: 0.001, max: 1, fallback: 0.1 }),
            sigmas: field.number('sigmas', { min: 0.5, max: 100, fallback: 5 }),
            warmupSamples: Math.round(field.number('warmupSamples', { min: 2, max: 1_000_000, fallback: 120 })),
            baselineAlpha: field.number('baselineAlpha', { min: 0, max: 1, fallback: 0.005 }),
            direction: field.oneOf('direction', ['up', 'down', 'both'] as const, 'both'),
            minStdDev: field.number('minStdDev', { min: 0, fallback: 0 })
          }
        }
      case 'cusum':
        return {
          ...base,
          detector,
          params: {
            metric,
            k: field.number('k', { min: 0, max: 10, fallback: 0.5 }),
            h: field.number('h', { min: 0.5, max: 1000, fallback: 10 }),
            warmupSamples: Math.round(field.number('warmupSamples', { min: 2, max: 1_000_000, fallback: 120 })),
            baselineAlpha: field.number('baselineAlpha', { min: 0, max: 1, fallback: 0.001 }),
            direction: field.oneOf('direction', ['up', 'down', 'both'] as const, 'both'),
            minStdDev: field.number('minStdDev', { min: 0, fallback: 0 })
          }
        }
      case 'rate_of_change': {
        const maxRisePerMinute = field.optionalNumber('maxRisePerMinute')
        const maxFallPerMinute = field.optionalNumber('maxFallPerMinute')
        if (maxRisePerMinute === undefined && maxFallPerMinute === undefined) field.problem('maxRisePerMinute', 'give maxRisePerMinute, maxFallPerMinute or both')
        return {
          ...base,
          detector,
          params: {
            metric,
            maxRisePerMinute,
            maxFallPerMinute,
            alpha: field.number('alpha', { min: 0.001, max: 1, fallback: 0.2 }),
            forMs: field.number('forSeconds', { min: 0, fallback: 0 }) * 1000,
            maxGapMs: field.number('maxGapSeconds', { min: 1, fallback: 60 }) * 1000
          }
        }
      }
      case 'robust_z':
        return {
          ...base,
          detector,
          params: {
            metric,
            window: Math.round(field.number('window', { min: 8, max: 100_000, fallback: 60 })),
            threshold: field.number('threshold', { min: 0.5, max: 1000, fallback: 6 }),
            consecutive: Math.round(field.number('consecutive', { min: 1, max: 10_000, fallback: 3 })),
            minMad: field.number('minMad', { min: 0, fallback: 0 })
          }
        }
      case 'trend': {
        const { above, below } = field.aboveOrBelow()
        return {
          ...base,
          detector,
          params: {
            metric,
            above,
            below,
            windowMs: field.number('windowHours', { min: 0.01, max: 24 * 365, fallback: 72 }) * 3_600_000,
            points: Math.round(field.number('points', { min: 8, max: 10_000, fallback: 144 })),
            horizonMs: field.number('horizonDays', { min: 0.001, max: 3650, fallback: 7 }) * 86_400_000,
            minPoints: Math.round(field.number('minPoints', { min: 3, max: 10_000, fallback: 24 })),
            minTStat: field.number('minTStat', { min: 0, max: 100, fallback: 3 }),
            seasonMs: field.number('seasonHours', { min: 0, max: 24 * 365, fallback: 24 }) * 3_600_000
          }
        }
      }
      case 'flatline':
        return { ...base, detector, params: { metric, tolerance: field.number('tolerance', { min: 0, fallback: 0 }), minDurationMs: field.number('minutes', { min: 0.01, fallback: 10 }) * 60_000 } }
      case 'range': {
        const min = field.number('min', {})
        const max = field.number('max', {})
        if (!(min < max)) field.problem('max', `must be above min (${min})`)
        return { ...base, detector, params: { metric, min, max } }
      }
      case 'counter':
        return { ...base, detector, params: { metric, windowMs: field.number('windowMinutes', { min: 1, fallback: 60 }) * 60_000, maxPerWindow: field.number('maxPerWindow', { min: 0 }) } }
    }
  })()
  return field.problems.length > before ? undefined : rule
}

/**
 * Reads fields of one YAML mapping. Each read returns a value of the right type (the fallback or
 * a placeholder when the field is wrong) and records a problem with file, line and path, so a
 * rule is read whole and every mistake in it is reported at once.
 */
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

  string(key: string, rule?: { check: (value: string) => boolean; expect: string }): string {
    const value = this.get(key)
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, `required text, got ${JSON.stringify(value)}`)
      return ''
    }
    if (rule !== undefined && !rule.check(value)) this.problem(key, `expected ${rule.expect}, got ${JSON.stringify(value)}`)
    return value
  }

  stringList(key: string, rule: { check: (value: string) => boolean; expect: string }, min: number): string[] {
    const value = this.get(key)
    if (!Array.isArray(value) || value.length < min || !value.every((item) => typeof item === 'string' && rule.check(item))) {
      this.problem(key, `expected a list of at least ${min} entries, each ${rule.expect}, got ${JSON.stringify(value)}`)
      return []
    }
    return value as string[]
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const value = this.get(key)
    if (value === undefined && fallback !== undefined) return fallback
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problem(key, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`)
      return allowed[0] as T
    }
    return value as T
  }

  optionalOneOf(key: string, allowed: readonly string[]): string | undefined {
    return this.get(key) === undefined ? undefined : this.oneOf(key, allowed)
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

  number(key: string, range: { min?: number; max?: number; fallback?: number }): number {
    const value = this.get(key) ?? range.fallback
    const { min = -Infinity, max = Infinity } = range
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.problem(key, `expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`)
      return range.fallback ?? 0
    }
    return value
  }

  aboveOrBelow(): { above: number | undefined; below: number | undefined } {
    const above = this.optionalNumber('above')
    const below = this.optionalNumber('below')
    // Presence, not validity: a wrong `above` is reported once, as wrong.
    if ((this.get('above') === undefined) === (this.get('below') === undefined)) this.problem('above', 'give exactly one of above and below')
    return { above, below }
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
