import { Type } from '@sinclair/typebox'
import type { Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { parse } from 'yaml'

/**
 * What a scorecard dimension can average, each scored 0–1. `incidents` is in the catalogue
 * because the scorecard names it, but Vigil records no safety incidents yet: it never has a value.
 */
export const SCORECARD_MEASURES = [
  'response_in_deadline',
  'first_time_fix',
  'rating',
  'completion_time',
  'shift_share_on_work_orders',
  'incidents',
  'certificates_valid',
  'complaints',
  'good_ratings',
  'suggestions_adopted'
] as const
export type ScorecardMeasure = (typeof SCORECARD_MEASURES)[number]

const DimensionSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    /** Relative: the weights need not add up to 100; each dimension counts weight / sum of weights. */
    weight: Type.Number({ minimum: 0, maximum: 1000 }),
    measures: Type.Array(Type.Union(SCORECARD_MEASURES.map((measure) => Type.Literal(measure))), { minItems: 1 })
  },
  { additionalProperties: false }
)

export const ScorecardConfigSchema = Type.Object(
  {
    dimensions: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), DimensionSchema),
    targets: Type.Object(
      {
        /** Mean accepted → resolved time that scores full marks; longer scores target / mean. */
        completionHours: Type.Number({ exclusiveMinimum: 0 }),
        /** Share of shift hours spent on work orders that scores full marks; less scores share / target. */
        shiftShareOnWorkOrders: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
        /** A complaint counts against the engineer whose work on that equipment was resolved at most this many days before it. */
        complaintDays: Type.Number({ minimum: 0 })
      },
      { additionalProperties: false }
    )
  },
  { additionalProperties: false }
)
export type ScorecardConfig = Static<typeof ScorecardConfigSchema>

/** The default scorecard; config/scorecard.yaml holds the same, to copy and change (SCORECARD_FILE). */
export const DEFAULT_SCORECARD: ScorecardConfig = {
  dimensions: {
    service_quality: { title: 'Service quality', weight: 30, measures: ['response_in_deadline', 'first_time_fix', 'rating'] },
    efficiency: { title: 'Efficiency', weight: 25, measures: ['completion_time', 'shift_share_on_work_orders'] },
    safety_compliance: { title: 'Safety and compliance', weight: 20, measures: ['incidents', 'certificates_valid'] },
    communication: { title: 'Communication', weight: 15, measures: ['complaints', 'good_ratings'] },
    improvement: { title: 'Improvement', weight: 10, measures: ['suggestions_adopted'] }
  },
  targets: { completionHours: 8, shiftShareOnWorkOrders: 0.6, complaintDays: 14 }
}

/** Every problem in a scorecard file, each as `field: what is wrong`. */
export class ScorecardFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: readonly string[]
  ) {
    super(`Invalid scorecard file ${fileName} (SCORECARD_FILE):\n  - ${problems.join('\n  - ')}`)
    this.name = 'ScorecardFileError'
  }
}

/** The scorecard a YAML text describes; throws a ScorecardFileError naming the file and every bad field. */
export function parseScorecardConfig(text: string, fileName: string): ScorecardConfig {
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    throw new ScorecardFileError(fileName, [(error as Error).message.split('\n')[0] ?? 'not YAML'])
  }
  const problems = [...Value.Errors(ScorecardConfigSchema, document)].map((error) => `${error.path.slice(1).replaceAll('/', '.') || '(top)'}: ${error.message}`)
  if (problems.length > 0) throw new ScorecardFileError(fileName, problems)
  const config = document as ScorecardConfig
  if (Object.keys(config.dimensions).length === 0) problems.push('dimensions: list at least one dimension')
  else if (Object.values(config.dimensions).every((dimension) => dimension.weight === 0)) problems.push('dimensions: at least one weight must be above 0')
  if (problems.length > 0) throw new ScorecardFileError(fileName, problems)
  return config
}

/**
 * The weights of a `service_quality:40,efficiency:20` override over the configured ones; a
 * dimension not named keeps its weight. Returns the problem as text when the override is bad.
 */
export function overrideWeights(config: ScorecardConfig, text: string): ScorecardConfig | string {
  const dimensions = structuredClone(config.dimensions)
  for (const pair of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const match = /^([a-z][a-z0-9_]*)[:=](\d+(?:\.\d+)?)$/.exec(pair)
    if (match === null) return `"${pair}" is not dimension:weight (for example service_quality:40)`
    const [, id = '', weight = ''] = match
    const dimension = dimensions[id]
    if (dimension === undefined) return `no dimension ${id}; the dimensions are ${Object.keys(dimensions).join(', ')}`
    dimension.weight = Number(weight)
  }
  if (Object.values(dimensions).every((dimension) => dimension.weight === 0)) return 'at least one weight must be above 0'
  return { ...config, dimensions }
}
