import { Type } from '@sinclair/typebox'
import { EQUIPMENT_TYPES } from '../core/domain/equipment.js'
import { SCORECARD_MEASURES } from '../core/analytics/scorecard-config.js'
import { Id, IsoTime, literals } from './schemas.js'

/** Shapes of the analytics routes (api/routes/analytics.routes.ts). */

const Nullable = (schema: ReturnType<typeof Type.Number>) => Type.Union([schema, Type.Null()])
const Hours = Nullable(Type.Number({ description: 'Hours; null when there was nothing to measure' }))

export const MONTH_PATTERN = '^\\d{4}-(?:0[1-9]|1[0-2])$'
const Month = Type.String({ pattern: MONTH_PATTERN, description: 'A calendar month, `YYYY-MM`, in UTC', examples: ['2026-11'] })

const PeriodFields = {
  month: Type.Optional(Month),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Start of the period (counted), instead of `month`', examples: ['2026-11-01T00:00:00Z'] })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'End of the period (not counted), with `from`', examples: ['2026-12-01T00:00:00Z'] }))
}
const SiteFilter = { siteId: Type.Optional(Type.String({ ...Id, description: 'Only this site' })) }

export const KpiQuery = Type.Object(
  { ...PeriodFields, ...SiteFilter, engineerId: Type.Optional(Type.String({ ...Id, description: "Only this engineer's work; an engineer's token may name only its own", examples: ['eng-ana'] })) },
  { additionalProperties: false }
)
export const PeriodSiteQuery = Type.Object({ ...PeriodFields, ...SiteFilter }, { additionalProperties: false })
export const HotSpotQuery = Type.Object({ ...PeriodFields, ...SiteFilter, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })) }, { additionalProperties: false })
export const SeasonalQuery = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, examples: [2026] }),
    equipmentType: Type.Optional(literals(EQUIPMENT_TYPES)),
    ...SiteFilter
  },
  { additionalProperties: false }
)
export const ScorecardQuery = Type.Object(
  {
    month: Month,
    engineerId: Type.Optional(Type.String({ ...Id, description: "One engineer's scorecard; an engineer's token may name only its own", examples: ['eng-ana'] })),
    weights: Type.Optional(
      Type.String({
        maxLength: 500,
        description: 'Managers only: dimension weights for this request, `dimension:weight` comma-separated; unnamed dimensions keep the configured weight',
        examples: ['service_quality:40,efficiency:20']
      })
    )
  },
  { additionalProperties: false }
)

const RateSchema = Type.Object(
  { count: Type.Integer(), of: Type.Integer(), rate: Nullable(Type.Number({ minimum: 0, maximum: 1 })) },
  { description: 'count of `of`; rate is null when there was nothing to count', examples: [{ count: 7, of: 8, rate: 0.875 }] }
)

const KpiFields = {
  created: Type.Integer({ description: 'Work orders created in the period' }),
  responseWithinDeadline: RateSchema,
  firstTimeFix: RateSchema,
  mttaHours: Hours,
  mttrHours: Hours,
  averageRating: Nullable(Type.Number({ minimum: 1, maximum: 5 })),
  ratings: Type.Integer()
}
const PeriodEcho = { from: IsoTime, to: IsoTime, truncated: Type.Boolean({ description: 'The read limit was reached: the oldest records were not read, and counts may be low' }) }

export const KpiReportSchema = Type.Object({
  ...PeriodEcho,
  overall: Type.Object(KpiFields),
  sites: Type.Array(Type.Object({ siteId: Type.String(), ...KpiFields })),
  engineers: Type.Array(Type.Object({ engineerId: Type.String(), ...KpiFields })),
  equipment: Type.Array(
    Type.Object({ equipmentId: Type.String(), siteId: Type.String(), failures: Type.Integer(), downtimeHours: Type.Number(), mtbfHours: Type.Number() }, { description: 'MTBF of each equipment that failed in the period' })
  )
})

const Counts = { alerts: Type.Integer(), workOrders: Type.Integer({ description: 'Corrective work orders created' }), total: Type.Integer() }
export const HotSpotReportSchema = Type.Object({
  ...PeriodEcho,
  equipment: Type.Array(Type.Object({ equipmentId: Type.String(), siteId: Type.String(), buildingId: Type.String(), name: Type.String(), location: Type.String(), ...Counts })),
  locations: Type.Array(Type.Object({ siteId: Type.String(), buildingId: Type.String(), location: Type.String(), equipmentIds: Type.Array(Type.String()), ...Counts }))
})

export const SeasonalReportSchema = Type.Object({
  year: Type.Integer(),
  truncated: PeriodEcho.truncated,
  items: Type.Array(Type.Object({ month: Type.String(), equipmentType: literals(EQUIPMENT_TYPES), alerts: Type.Integer(), failures: Type.Integer(), mttrHours: Hours }))
})

export const RuleReportSchema = Type.Object({
  ...PeriodEcho,
  items: Type.Array(Type.Object({ ruleId: Type.String(), alerts: Type.Integer(), withWorkOrder: Type.Integer(), realFix: RateSchema, falseAlarm: RateSchema }))
})

export const ComplaintReportSchema = Type.Object({
  ...PeriodEcho,
  items: Type.Array(Type.Object({ siteId: Type.String(), complaints: Type.Integer(), equipment: Type.Integer(), per100Equipment: Nullable(Type.Number()) }))
})

const MeasureSchema = Type.Object({ measure: literals(SCORECARD_MEASURES), value: Nullable(Type.Number()), score: Nullable(Type.Number({ minimum: 0, maximum: 1 })), basis: Type.String() })
export const ScorecardReportSchema = Type.Object({
  month: Type.String(),
  truncated: PeriodEcho.truncated,
  weights: Type.Record(Type.String(), Type.Number()),
  items: Type.Array(
    Type.Object({
      engineerId: Type.String(),
      name: Type.String(),
      month: Type.String(),
      score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
      dimensions: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), weight: Type.Number(), score: Nullable(Type.Number({ minimum: 0, maximum: 100 })), measures: Type.Array(MeasureSchema) }))
    })
  )
})
