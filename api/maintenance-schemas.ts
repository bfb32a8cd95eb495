import { Type } from '@sinclair/typebox'
import { CALENDAR_UNITS } from '../core/maintenance/maintenance-plan.js'
import { WORK_ORDER_PRIORITIES } from '../core/domain/work-order.js'
import { ChecklistItemSpecSchema, Id, IsoTime, literals } from './schemas.js'

/** Request and response shapes of maintenance plans. */

const CalendarSchema = Type.Object(
  { every: Type.Integer({ minimum: 1, maximum: 120, examples: [1] }), unit: literals(CALENDAR_UNITS) },
  { additionalProperties: false, description: 'Every N days, weeks or months (months keep the day of month)', examples: [{ every: 12, unit: 'months' }] }
)

const MeterSchema = Type.Object(
  {
    metric: Type.String({ pattern: '^[a-z][a-z0-9_]*_total$', description: 'A counter the equipment reports: trips_total (elevators), run_hours_total (pumps)', examples: ['run_hours_total'] }),
    every: Type.Number({ exclusiveMinimum: 0, examples: [2000] })
  },
  { additionalProperties: false, description: 'Every N units of use', examples: [{ metric: 'trips_total', every: 50000 }] }
)

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200, examples: ['Monthly fire-pump test run'] }),
  description: Type.String({ maxLength: 4000, examples: ['Run the fire pump under churn for 10 minutes; record the readings.'] }),
  priority: literals(WORK_ORDER_PRIORITIES),
  calendar: CalendarSchema,
  meter: MeterSchema,
  checklist: Type.Array(ChecklistItemSpecSchema, { maxItems: 100, description: 'Inspection steps; each must be recorded before the work order can be resolved' })
}

const EXAMPLE = {
  equipmentId: 'hv-a-fire',
  title: 'Monthly fire-pump test run',
  calendar: { every: 1, unit: 'months' },
  startsAt: '2026-12-07T02:00:00.000Z',
  templateId: 'fire-pump-monthly-test'
}

export const NewMaintenancePlanSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: Id.pattern, description: 'Default: generated', examples: ['hv-a-fire-monthly-test'] })),
    equipmentId: Id,
    title: fields.title,
    description: Type.Optional(fields.description),
    priority: Type.Optional(Type.Union(WORK_ORDER_PRIORITIES.map((p) => Type.Literal(p)), { description: 'Of the work orders it opens; default normal', examples: ['normal'] })),
    startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'The first calendar due date, and from when use is counted. Default: now', examples: ['2026-12-07T02:00:00.000Z'] })),
    calendar: Type.Optional(fields.calendar),
    meter: Type.Optional(fields.meter),
    templateId: Type.Optional(Type.String({ maxLength: 100, description: 'Copy the checklist of a template (GET /api/v1/checklist-templates)', examples: ['fire-pump-monthly-test'] })),
    checklist: Type.Optional(fields.checklist)
  },
  { additionalProperties: false, description: 'Give calendar, meter, or both (whichever comes first). A checklist, or a template to copy it from, is optional.', examples: [EXAMPLE] }
)

export const MaintenancePlanPatchSchema = Type.Object(
  {
    title: Type.Optional(fields.title),
    description: Type.Optional(fields.description),
    priority: Type.Optional(fields.priority),
    calendar: Type.Optional(fields.calendar),
    meter: Type.Optional(fields.meter),
    checklist: Type.Optional(fields.checklist)
  },
  { additionalProperties: false, minProperties: 1, description: 'Fields given replace the plan\'s; occurrences already opened keep theirs', examples: [{ calendar: { every: 2, unit: 'weeks' } }] }
)

export const MaintenancePlanSchema = Type.Object({
  id: Id,
  equipmentId: Id,
  siteId: Id,
  title: Type.String(),
  description: Type.String(),
  priority: literals(WORK_ORDER_PRIORITIES),
  startsAt: IsoTime,
  calendar: Type.Optional(CalendarSchema),
  meter: Type.Optional(MeterSchema),
  checklist: Type.Array(ChecklistItemSpecSchema),
  templateId: Type.Optional(Type.String()),
  createdAt: IsoTime,
  createdBy: Type.String(),
  occurrences: Type.Integer({ description: 'Work orders opened so far' }),
  lastWorkOrderId: Type.Optional(Type.String()),
  meterReading: Type.Optional(Type.Number({ description: 'The counter as last read' })),
  next: Type.Optional(
    Type.Object(
      {
        dueAt: IsoTime,
        by: Type.Union([Type.Literal('calendar'), Type.Literal('meter')]),
        projected: Type.Boolean({ description: 'A meter date projected from the last week\'s usage rate' }),
        dueNow: Type.Boolean({ description: 'Due already: its work order opens at the next scheduler pass' })
      },
      { description: 'The next occurrence: whichever of the calendar date and the projected meter date comes first' }
    )
  )
})

export const ChecklistTemplateSchema = Type.Object({
  id: Type.String({ examples: ['elevator-annual-inspection'] }),
  title: Type.String(),
  equipmentType: Type.String(),
  items: Type.Array(ChecklistItemSpecSchema)
})
