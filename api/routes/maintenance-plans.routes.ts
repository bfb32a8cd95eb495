import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { METRIC_CATALOG } from '../../core/domain/metric-catalog.js'
import type { Equipment } from '../../core/domain/equipment.js'
import { CHECKLIST_TEMPLATES, checklistTemplate } from '../../core/maintenance/checklist-templates.js'
import type { MaintenancePlan } from '../../core/maintenance/maintenance-plan.js'
import { dueState } from '../../core/maintenance/plan-due.js'
import type { MeterReading } from '../../core/maintenance/plan-due.js'
import type { PlanStore } from '../../core/maintenance/plan-store.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { ChecklistTemplateSchema, MaintenancePlanPatchSchema, MaintenancePlanSchema, NewMaintenancePlanSchema } from '../maintenance-schemas.js'
import { badRequest, notFound } from '../problem.js'
import { alreadyExists } from '../registry-problems.js'
import { Id, ListOf, ProblemSchema } from '../schemas.js'

export interface MaintenancePlanRouteDeps {
  plans: PlanStore
  registry: RegistryStore
  meters: { read(equipmentId: string, metric: string): Promise<MeterReading | undefined> }
  now: () => number
}

const WRITE_ROLES = ['admin', 'manager'] as const
const PlanParams = Type.Object({ id: Type.String({ pattern: Id.pattern, examples: ['hv-a-fire-monthly-test'] }) })

/** Maintenance plans: recurring preventive work by the calendar or by use, and the checklists it carries. */
export function maintenancePlanRoutes(app: FastifyInstance, deps: MaintenancePlanRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  /** The plan as the API shows it: with its progress and the projected next occurrence. */
  const view = async (plan: MaintenancePlan) => {
    const progress = await deps.plans.progress(plan.id)
    const meter = plan.meter === undefined ? undefined : await deps.meters.read(plan.equipmentId, plan.meter.metric)
    const base = progress.meterBase === undefined && meter !== undefined && plan.meter !== undefined ? { ...progress, meterBase: meter.value } : progress
    const nowMs = deps.now()
    const state = dueState(plan, base, nowMs, meter)
    const next = state.due ? { dueAt: state.dueAt, by: state.by, projected: false, dueNow: true } : state.next === undefined ? undefined : { ...state.next, dueNow: false }
    return {
      ...plan,
      occurrences: progress.occurrences,
      ...(progress.lastWorkOrderId === undefined ? {} : { lastWorkOrderId: progress.lastWorkOrderId }),
      ...(meter === undefined ? {} : { meterReading: meter.value }),
      ...(next === undefined ? {} : { next })
    }
  }

  api.get(
    '/api/v1/checklist-templates',
    { config: { roles: READ_ROLES }, schema: { tags: ['maintenance plans'], summary: 'Inspection checklist templates (annual elevator inspection, monthly fire-pump test, …)', response: { 200: ListOf(ChecklistTemplateSchema) } } },
    () => ({ items: [...CHECKLIST_TEMPLATES] })
  )

  api.get(
    '/api/v1/maintenance-plans',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['maintenance plans'],
        summary: 'List maintenance plans with their next due dates',
        querystring: Type.Object({ equipmentId: Type.Optional(Id), siteId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ListOf(MaintenancePlanSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const { equipmentId, siteId } = request.query
      const plans = (await deps.plans.list()).filter((plan) => (equipmentId === undefined || plan.equipmentId === equipmentId) && (siteId === undefined || plan.siteId === siteId))
      return { items: await Promise.all(plans.map(view)) }
    }
  )

  api.get(
    '/api/v1/maintenance-plans/:id',
    { config: { roles: READ_ROLES }, schema: { tags: ['maintenance plans'], summary: 'One maintenance plan and its next due date', params: PlanParams, response: { 200: MaintenancePlanSchema, 404: ProblemSchema } } },
    async (request) => view(await existing(request.params.id))
  )

  api.post(
    '/api/v1/maintenance-plans',
    {
      config: { roles: WRITE_ROLES },
      schema: {
        tags: ['maintenance plans'],
        summary: 'Plan recurring preventive work',
        description:
          'By the calendar (`calendar`: every N days, weeks or months from `startsAt`), by use (`meter`: every N units of a counter the equipment reports), or both — whichever comes first, and each ' +
          'occurrence starts both counts again. When an occurrence falls due, one preventive work order opens (exactly one, also across restarts) with the plan\'s checklist; it cannot be resolved ' +
          'until every step is recorded. `next` shows the next due date; for a meter it is projected from the last week\'s usage.',
        body: NewMaintenancePlanSchema,
        response: { 201: MaintenancePlanSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const body = request.body
      const equipment = await deps.registry.getEquipment(body.equipmentId)
      if (equipment === undefined) throw badRequest('body.equipmentId', `equipment ${body.equipmentId} is not in the registry`)
      if (body.calendar === undefined && body.meter === undefined) throw badRequest('body.calendar', 'give a calendar interval, a meter interval, or both')
      checkMeter(equipment, body.meter?.metric, 'body.meter.metric')
      let checklist = body.checklist
      if (body.templateId !== undefined) {
        const template = checklistTemplate(body.templateId)
        if (template === undefined) throw badRequest('body.templateId', `no checklist template ${body.templateId}; GET /api/v1/checklist-templates lists them`)
        if (template.equipmentType !== equipment.type) throw badRequest('body.templateId', `template ${template.id} is for ${template.equipmentType}, not ${equipment.type}`)
        checklist ??= template.items
      }
      checkChecklist(checklist ?? [])
      const plan: MaintenancePlan = {
        id: body.id ?? `plan-${randomBytes(4).toString('hex')}`,
        equipmentId: equipment.id,
        siteId: equipment.siteId,
        title: body.title,
        description: body.description ?? '',
        priority: body.priority ?? 'normal',
        startsAt: new Date(body.startsAt === undefined ? deps.now() : Date.parse(body.startsAt)).toISOString(),
        checklist: checklist ?? [],
        createdAt: new Date(deps.now()).toISOString(),
        createdBy: request.principal?.name ?? 'unknown',
        ...(body.calendar === undefined ? {} : { calendar: body.calendar }),
        ...(body.meter === undefined ? {} : { meter: body.meter }),
        ...(body.templateId === undefined ? {} : { templateId: body.templateId })
      }
      if (!(await deps.plans.create(plan))) throw alreadyExists(`maintenance plan ${plan.id}`, `/api/v1/maintenance-plans/${plan.id}`)
      reply.header('location', `/api/v1/maintenance-plans/${plan.id}`)
      return reply.code(201).send(await view(plan))
    }
  )

  api.patch(
    '/api/v1/maintenance-plans/:id',
    {
      config: { roles: WRITE_ROLES },
      schema: { tags: ['maintenance plans'], summary: 'Change a maintenance plan', params: PlanParams, body: MaintenancePlanPatchSchema, response: { 200: MaintenancePlanSchema, 400: ProblemSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const current = await existing(request.params.id)
      const equipment = await deps.registry.getEquipment(current.equipmentId)
      if (equipment !== undefined) checkMeter(equipment, request.body.meter?.metric, 'body.meter.metric')
      if (request.body.checklist !== undefined) checkChecklist(request.body.checklist)
      const plan: MaintenancePlan = { ...current, ...request.body }
      await deps.plans.replace(plan)
      return view(plan)
    }
  )

  api.delete(
    '/api/v1/maintenance-plans/:id',
    {
      config: { roles: WRITE_ROLES },
      schema: { tags: ['maintenance plans'], summary: 'Delete a maintenance plan', description: 'Work orders it opened stay.', params: PlanParams, response: { 204: Type.Null(), 404: ProblemSchema } }
    },
    async (request, reply) => {
      if (!(await deps.plans.delete(request.params.id))) throw notFound(`maintenance plan ${request.params.id}`)
      return reply.code(204).send(null)
    }
  )

  async function existing(id: string): Promise<MaintenancePlan> {
    const plan = await deps.plans.get(id)
    if (plan === undefined) throw notFound(`maintenance plan ${id}`)
    return plan
  }
}

/** A meter plan counts a counter its equipment type reports. */
function checkMeter(equipment: Equipment, metric: string | undefined, field: string): void {
  if (metric === undefined) return
  const counters = Object.keys(METRIC_CATALOG[equipment.type]).filter((name) => name.endsWith('_total'))
  if (!counters.includes(metric)) throw badRequest(field, `${equipment.type} equipment reports no counter ${metric}; counters it reports: ${counters.join(', ') || 'none'}`)
}

/** Step ids are unique, and a value step's limits are in order. */
function checkChecklist(items: readonly { id: string; kind: string; min?: number; max?: number }[]): void {
  const seen = new Set<string>()
  for (const [index, item] of items.entries()) {
    if (seen.has(item.id)) throw badRequest(`body.checklist.${index}.id`, `step ${item.id} is listed twice`)
    seen.add(item.id)
    if (item.kind === 'pass_fail' && (item.min !== undefined || item.max !== undefined)) throw badRequest(`body.checklist.${index}.kind`, `step ${item.id} is pass/fail; min and max are for value steps`)
    if (item.min !== undefined && item.max !== undefined && item.min > item.max) throw badRequest(`body.checklist.${index}.min`, `step ${item.id}: min ${item.min} is above max ${item.max}`)
  }
}
