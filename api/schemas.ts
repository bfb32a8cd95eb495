import { Type } from '@sinclair/typebox'
import type { Static } from '@sinclair/typebox'
import { ALERT_SEVERITIES, ALERT_STATUSES } from '../core/domain/alert.js'
import { EQUIPMENT_TYPES } from '../core/domain/equipment.js'
import { ID_PATTERN_SOURCE } from '../core/domain/ids.js'
import { RESOLUTION_CODES, WORK_ORDER_KINDS, WORK_ORDER_PRIORITIES, WORK_ORDER_STATUSES } from '../core/domain/work-order.js'
import { METRIC_NAME_PATTERN } from '../core/telemetry/decode-telemetry.js'

/** Request and response shapes; Fastify validates requests and serialises replies with them, and /docs shows them. */

export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)))

export const Id = Type.String({ pattern: ID_PATTERN_SOURCE, description: 'Lowercase letters, digits and dashes', examples: ['hv-a-pump-1'] })
export const IsoTime = Type.String({ format: 'date-time', examples: ['2026-11-30T08:00:00.000Z'] })

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ examples: ['urn:vigil:problem:validation'] }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ examples: ['querystring.metric: must match pattern "^[a-z][a-z0-9_]{0,63}$"'] }),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    allowedActions: Type.Optional(Type.Array(Type.String(), { description: 'For a 409 on a work order: the actions allowed in its current status' }))
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' }
)

export const EquipmentSchema = Type.Object(
  {
    id: Id,
    siteId: Id,
    buildingId: Id,
    type: literals(EQUIPMENT_TYPES),
    name: Type.String(),
    location: Type.String(),
    qrCode: Type.Optional(Type.String({ description: 'Printed on its QR sticker: opens the public report page /r/{qrCode} and checks engineers in', examples: ['7k3m9q2xwd'] }))
  },
  {
    $id: 'Equipment',
    examples: [{ id: 'hv-a-pump-1', siteId: 'harbour-view', buildingId: 'hv-tower-a', type: 'pump', name: 'Tower A domestic water booster pump 1', location: 'Tower A, basement plant room B2', qrCode: '7k3m9q2xwd' }]
  }
)

export const AlertSchema = Type.Object(
  {
    id: Type.String(),
    equipmentId: Id,
    equipmentType: literals(EQUIPMENT_TYPES),
    siteId: Id,
    buildingId: Id,
    ruleId: Type.String(),
    metric: Type.String(),
    severity: literals(ALERT_SEVERITIES),
    priority: literals(WORK_ORDER_PRIORITIES),
    status: literals(ALERT_STATUSES),
    openedAt: IsoTime,
    resolvedAt: Type.Optional(IsoTime),
    acknowledgedAt: Type.Optional(IsoTime),
    acknowledgedBy: Type.Optional(Type.String()),
    closedAt: Type.Optional(IsoTime),
    closedBy: Type.Optional(Type.String()),
    reopens: Type.Integer({ minimum: 0, description: 'Times the condition came back within the cooldown and reopened this alert' }),
    flapping: Type.Boolean({ description: 'The condition keeps coming and going; this one alert stands for all of it' }),
    muted: Type.Optional(Type.Object({ reason: Type.String(), until: Type.Optional(IsoTime) }, { description: 'Work in progress or a maintenance window: the alert stands, its work order waits' })),
    explanation: Type.Object({
      message: Type.String({ examples: ['bearing_temp_c 84.2 above 80 for 10 s'] }),
      value: Type.Number(),
      limit: Type.Number(),
      baseline: Type.Optional(Type.Number()),
      forecast: Type.Optional(
        Type.Object({
          crossingAt: IsoTime,
          earliest: IsoTime,
          latest: IsoTime,
          slopePerHour: Type.Number()
        })
      )
    }),
    workOrderId: Type.Optional(Type.String())
  },
  { $id: 'Alert' }
)

export const MaintenanceWindowSchema = Type.Object(
  {
    id: Type.String(),
    equipmentId: Id,
    reason: Type.String({ minLength: 1, maxLength: 200, examples: ['weekly fire-pump test run'] }),
    startsAt: IsoTime,
    endsAt: IsoTime,
    weekly: Type.Boolean({ description: 'Repeats every 7 days from startsAt' })
  },
  { $id: 'MaintenanceWindow' }
)

const PhotoRefSchema = Type.Object({
  id: Type.String(),
  contentType: Type.String({ examples: ['image/jpeg'] }),
  bytes: Type.Integer(),
  uploadedAt: IsoTime,
  uploadedBy: Type.String(),
  caption: Type.Optional(Type.String())
})

export const ChecklistItemSpecFields = {
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', examples: ['churn-pressure'] }),
  label: Type.String({ minLength: 1, maxLength: 300, examples: ['Churn (no-flow) discharge pressure'] }),
  kind: Type.Union([Type.Literal('pass_fail'), Type.Literal('value')], { description: 'pass_fail: record passed; value: record the measured value, which passes within min..max' }),
  unit: Type.Optional(Type.String({ maxLength: 20, examples: ['bar'] })),
  min: Type.Optional(Type.Number({ examples: [6] })),
  max: Type.Optional(Type.Number({ examples: [12] })),
  photoRequired: Type.Optional(Type.Boolean({ description: 'The step needs one of the work order\'s photos' }))
}

export const ChecklistItemSpecSchema = Type.Object(ChecklistItemSpecFields, { additionalProperties: false })

export const ChecklistItemSchema = Type.Object({
  ...ChecklistItemSpecFields,
  result: Type.Optional(
    Type.Object({
      passed: Type.Boolean(),
      value: Type.Optional(Type.Number()),
      photoId: Type.Optional(Type.String()),
      note: Type.Optional(Type.String()),
      at: IsoTime,
      by: Type.String()
    })
  )
})

export const WorkOrderSchema = Type.Object(
  {
    id: Type.String({ examples: ['WO-000042'] }),
    equipmentId: Id,
    siteId: Id,
    buildingId: Id,
    title: Type.String(),
    description: Type.String(),
    priority: literals(WORK_ORDER_PRIORITIES),
    kind: literals(WORK_ORDER_KINDS),
    status: literals(WORK_ORDER_STATUSES),
    source: Type.Union([
      Type.Object({ kind: Type.Literal('alert'), alertIds: Type.Array(Type.String()), ruleIds: Type.Array(Type.String()) }),
      Type.Object({ kind: Type.Literal('manual') }),
      Type.Object({ kind: Type.Literal('request'), requestId: Type.String() }),
      Type.Object({ kind: Type.Literal('plan'), planId: Type.String(), occurrence: Type.Integer({ minimum: 1 }) })
    ]),
    createdAt: IsoTime,
    createdBy: Type.String(),
    responseDueAt: Type.String({ format: 'date-time', description: 'Respond (accept) by: created + 30 min (urgent), 2 h (normal), 24 h (low), configurable' }),
    version: Type.Integer({ description: 'Bumped by every change' }),
    assigneeId: Type.Optional(Id),
    responsibleEngineerId: Type.Optional(Type.String({ description: 'The first engineer to accept; responsible until it closes' })),
    assignedAt: Type.Optional(IsoTime),
    acceptedAt: Type.Optional(IsoTime),
    startedAt: Type.Optional(IsoTime),
    arrivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Check-in at the equipment by its QR code' })),
    resolvedAt: Type.Optional(IsoTime),
    closedAt: Type.Optional(IsoTime),
    cancelledAt: Type.Optional(IsoTime),
    reopenedAt: Type.Optional(IsoTime),
    declinedBy: Type.Optional(Type.Array(Id, { description: 'Engineers who declined it since it was opened or reopened; dispatch passes over them' })),
    escalatedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the missed response deadline was escalated to the site supervisor' })),
    resolution: Type.Optional(Type.Object({ code: literals(RESOLUTION_CODES), firstVisitFix: Type.Boolean(), note: Type.String() })),
    rating: Type.Optional(
      Type.Object(
        { score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.String(), ratedAt: IsoTime },
        { description: "The owner's or requester's rating, given once through a rating link" }
      )
    ),
    photos: Type.Optional(Type.Array(PhotoRefSchema)),
    checklist: Type.Optional(Type.Array(ChecklistItemSchema, { description: 'Inspection steps: the work order cannot be resolved until each has a result' })),
    deadline: Type.Optional(
      Type.Object(
        { dueAt: IsoTime, state: Type.Union([Type.Literal('pending'), Type.Literal('met'), Type.Literal('missed'), Type.Literal('cancelled')]) },
        { description: 'The response deadline: pending until responseDueAt, met if accepted by then, missed otherwise' }
      )
    )
  },
  { $id: 'WorkOrder' }
)

export const NewWorkOrderSchema = Type.Object(
  {
    equipmentId: Id,
    title: Type.String({ minLength: 1, maxLength: 200, examples: ['Pump bearing overheating: Booster pump 1'] }),
    description: Type.Optional(Type.String({ maxLength: 4000, examples: ['Drive-end bearing at 78 °C and rising 2 °C a day'] })),
    priority: literals(WORK_ORDER_PRIORITIES),
    kind: Type.Optional(Type.Union(WORK_ORDER_KINDS.map((k) => Type.Literal(k)), { description: 'corrective (default) or preventive (acting on a forecast)' })),
    source: Type.Optional(
      Type.Object(
        { kind: Type.Literal('alert'), alertId: Type.String({ minLength: 1, maxLength: 100, examples: ['al_mio3k2x0a1b2c3d4'] }), ruleId: Type.String({ minLength: 1, maxLength: 100, examples: ['bearing-overheat'] }) },
        { additionalProperties: false }
      )
    ),
    checklist: Type.Optional(
      Type.Array(ChecklistItemSpecSchema, {
        maxItems: 50,
        description: 'Inspection steps the engineer records before resolving (a rule or plan names a template: GET /api/v1/checklist-templates)',
        examples: [[{ id: 'lubrication', label: 'Bearing regreased', kind: 'pass_fail' }]]
      })
    )
  },
  { additionalProperties: false }
)
export type NewWorkOrderBody = Static<typeof NewWorkOrderSchema>

export const TelemetryQuerySchema = Type.Object(
  {
    metric: Type.String({ pattern: METRIC_NAME_PATTERN.source, description: 'Metric name', examples: ['bearing_temp_c'] }),
    from: Type.Optional(Type.String({ description: 'Start (ISO-8601 or epoch ms); default: an hour before `to`', examples: ['2026-11-30T07:00:00Z'] })),
    to: Type.Optional(Type.String({ description: 'End, exclusive (ISO-8601 or epoch ms); default: now' })),
    every: Type.Optional(Type.String({ pattern: '^\\d+(ms|s|m|h|d)$', description: 'Bucket width, e.g. 10s, 1m, 1h; default: about 300 buckets', examples: ['1m'] }))
  },
  { additionalProperties: false }
)

export const TelemetryTrendSchema = Type.Object(
  {
    equipmentId: Id,
    metric: Type.String(),
    unit: Type.Optional(Type.String()),
    from: IsoTime,
    to: IsoTime,
    everyMs: Type.Integer(),
    resolution: Type.Union([Type.Literal('raw'), Type.Literal('1m'), Type.Literal('1h')], { description: 'Where the points were read from: raw readings, or the 1-minute or 1-hour rollups' }),
    points: Type.Array(
      Type.Object({ ts: IsoTime, mean: Type.Number(), min: Type.Number(), max: Type.Number(), count: Type.Integer() })
    )
  },
  { $id: 'TelemetryTrend' }
)

export const ListOf = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item) })

export const DeadLetterSchema = Type.Object(
  {
    id: Type.String({ examples: ['1764489600000-0'] }),
    reason: Type.String({ examples: ['bad_metric'] }),
    detail: Type.String({ examples: ['metrics.pressure_bar: expected a finite number, got the string "high"'] }),
    topic: Type.String(),
    clientId: Type.String(),
    receivedAt: IsoTime,
    payload: Type.String({ description: 'As received: UTF-8 text, or base64 when payloadEncoding says so' }),
    payloadEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64')])
  },
  { $id: 'DeadLetter' }
)

export const DeviceSchema = Type.Object(
  { id: Id, equipmentId: Id, siteId: Id, buildingId: Id, equipmentType: literals(EQUIPMENT_TYPES) },
  { $id: 'Device', description: 'A sensor gateway; its MQTT password is stored only as a hash' }
)

export const DeviceCredentialsSchema = Type.Object(
  {
    deviceId: Id,
    username: Type.String({ description: 'MQTT username, and the client id the device must use' }),
    password: Type.String({ description: 'Shown once; only its scrypt hash is kept' }),
    rotatedAt: IsoTime
  },
  { $id: 'DeviceCredentials' }
)

export const HealthReportSchema = Type.Object(
  {
    equipmentId: Id,
    equipmentType: literals(EQUIPMENT_TYPES),
    siteId: Id,
    buildingId: Id,
    score: Type.Integer({ minimum: 0, maximum: 100, description: '100 is healthy, 0 is failing' }),
    reasons: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal('alert'), Type.Literal('anomaly'), Type.Literal('forecast'), Type.Literal('sensor')]),
        ruleId: Type.String(),
        penalty: Type.Number({ description: 'Points taken off 100' }),
        message: Type.String({ examples: ['open critical alert: Pump bearing overheating'] }),
        metric: Type.Optional(Type.String({ description: 'The metric the rule watches', examples: ['bearing_temp_c'] })),
        forecast: Type.Optional(
          Type.Object(
            { crossingAt: IsoTime, earliest: IsoTime, latest: IsoTime, slopePerHour: Type.Number(), limit: Type.Number({ description: 'The limit forecast to be crossed, in the metric\'s unit' }) },
            { description: 'kind forecast: when the metric is expected to cross its limit, with an interval of about 95 %' }
          )
        )
      }),
      { description: 'Why the score is not 100, worst first' }
    ),
    at: IsoTime
  },
  { $id: 'HealthReport' }
)

export const HealthHistorySchema = Type.Object({
  equipmentId: Id,
  from: IsoTime,
  to: IsoTime,
  everyMs: Type.Integer(),
  points: Type.Array(Type.Object({ time: IsoTime, mean: Type.Number(), min: Type.Number() }))
})

export const RuleSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    detector: Type.String({ examples: ['threshold'] }),
    metric: Type.String(),
    metrics: Type.Array(Type.String()),
    severity: literals(ALERT_SEVERITIES),
    priority: literals(WORK_ORDER_PRIORITIES),
    workOrderKind: Type.Union([Type.Literal('corrective'), Type.Literal('preventive')]),
    params: Type.Record(Type.String(), Type.Unknown(), { description: "The detector's parameters, in its units (ms, not seconds)" }),
    enabled: Type.Boolean(),
    override: Type.Optional(Type.Object({ enabled: Type.Optional(Type.Boolean()), fields: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }))
  },
  { $id: 'Rule' }
)

export const AuditEntrySchema = Type.Object({
  at: IsoTime,
  by: Type.String({ examples: ['ana (engineer)'] }),
  action: Type.String({ examples: ['accept'] }),
  from: literals(WORK_ORDER_STATUSES),
  to: literals(WORK_ORDER_STATUSES),
  note: Type.Optional(Type.String())
})

export const EscalationsSchema = Type.Object({
  countsBySite: Type.Record(Type.String(), Type.Integer(), { examples: [{ 'hv-a': 3 }] }),
  items: Type.Array(
    Type.Object({
      workOrderId: Type.String(),
      siteId: Id,
      equipmentId: Id,
      priority: literals(WORK_ORDER_PRIORITIES),
      dueAt: IsoTime,
      escalatedAt: IsoTime,
      reason: Type.Union([Type.Literal('deadline_missed'), Type.Literal('nobody_available')], { description: 'deadline_missed: nobody accepted in time; nobody_available: no qualified engineer on shift to dispatch to' }),
      supervisorId: Type.Optional(Type.String())
    })
  )
})
