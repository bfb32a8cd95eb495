import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import type { Equipment } from '../../core/domain/equipment.js'
import { loadRuleBookWithSources } from '../../rules/load-rule-book.js'
import type { RuleDefinition } from '../../rules/rule-definition.js'
import { effectiveRules } from '../../rules/rule-overrides.js'
import type { RuleOverride, RuleOverrideStore } from '../../rules/rule-overrides.js'
import { READ_ROLES } from '../auth.js'
import { PROBLEM_TYPES, ProblemError, notFound } from '../problem.js'
import { Id, ListOf, ProblemSchema, RuleSchema } from '../schemas.js'

export interface EquipmentRuleDeps {
  registry: RegistryStore
  overrides: RuleOverrideStore
  /** The rule files (RULES_DIR), read on each request so the API shows what the engines run. */
  rulesDir: string
}

const Params = Type.Object({ id: Id, ruleId: Type.String({ maxLength: 100, examples: ['bearing-overheat'] }) })
const OverrideBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ description: 'false: the rule does not run on this equipment' })),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Rule fields as in the YAML file (above, clearAt, forSeconds, sigmas, severity, priority, ...), laid over the file\'s and checked the same way',
        examples: [{ above: 85, forSeconds: 30 }]
      })
    )
  },
  { additionalProperties: false }
)

/** An equipment's rules, and per-equipment overrides that the rules engines pick up without a restart. */
export function equipmentRuleRoutes(app: FastifyInstance, deps: EquipmentRuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const equipmentOf = async (id: string): Promise<Equipment> => {
    const equipment = await deps.registry.getEquipment(id)
    if (equipment === undefined) throw notFound(`equipment ${id}`)
    return equipment
  }
  const rulesView = async (equipment: Equipment) => {
    const { book, sources } = await loadRuleBookWithSources(deps.rulesDir)
    const own = (await deps.overrides.get(equipment.id)) ?? { equipmentId: equipment.id, equipmentType: equipment.type, rules: {} }
    const { rules } = effectiveRules(book, sources, own)
    return (book.get(equipment.type) ?? []).map((base) => {
      const override = own.rules[base.id]
      const effective = rules.find((rule) => rule.id === base.id) ?? base
      return { ...publicRule(effective), enabled: override?.enabled !== false, ...(override === undefined ? {} : { override }) }
    })
  }

  api.get(
    '/api/v1/equipment/:id/rules',
    {
      config: { roles: READ_ROLES },
      schema: { tags: ['rules'], summary: 'The rules an equipment runs, its overrides applied', params: Type.Object({ id: Id }), response: { 200: ListOf(RuleSchema), 404: ProblemSchema } }
    },
    async (request) => ({ items: await rulesView(await equipmentOf(request.params.id)) })
  )

  api.put(
    '/api/v1/equipment/:id/rules/:ruleId/override',
    {
      config: { roles: ['admin', 'manager'] },
      schema: {
        tags: ['rules'],
        summary: 'Run a rule otherwise on one equipment',
        description: 'Replaces the equipment\'s override of this rule. The rules engines reload within a second, keeping what their detectors learned for rules whose parameters did not change.',
        params: Params,
        body: OverrideBody,
        response: { 200: RuleSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const equipment = await equipmentOf(request.params.id)
      const { book, sources } = await loadRuleBookWithSources(deps.rulesDir)
      const { ruleId } = request.params
      if (!(book.get(equipment.type) ?? []).some((rule) => rule.id === ruleId)) throw notFound(`rule ${ruleId} for ${equipment.type}`)
      const override: RuleOverride = {}
      if (request.body.enabled !== undefined) override.enabled = request.body.enabled
      if (request.body.fields !== undefined) override.fields = request.body.fields
      const checked = effectiveRules(book, sources, { equipmentId: equipment.id, equipmentType: equipment.type, rules: { [ruleId]: { ...override, enabled: true } } })
      // Problems read `<equipment>/<rule>.<field>: message`; name the field as the request wrote it.
      const errors = checked.problems.map((problem) => {
        const [where = '', ...message] = problem.split(': ')
        return { field: `body.fields.${where.slice(where.indexOf('.') + 1)}`, message: message.join(': ') }
      })
      if (errors.length > 0) {
        throw new ProblemError({ type: PROBLEM_TYPES.validation, title: 'The override is not valid', status: 400, detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors })
      }
      await deps.overrides.put(equipment.id, equipment.type, ruleId, override)
      return (await rulesView(equipment)).find((rule) => rule.id === ruleId)
    }
  )

  api.delete(
    '/api/v1/equipment/:id/rules/:ruleId/override',
    {
      config: { roles: ['admin', 'manager'] },
      schema: { tags: ['rules'], summary: "Run the rule as its file says again on this equipment", params: Params, response: { 204: Type.Null(), 404: ProblemSchema } }
    },
    async (request, reply) => {
      if (!(await deps.overrides.remove(request.params.id, request.params.ruleId))) throw notFound(`override of rule ${request.params.ruleId} on equipment ${request.params.id}`)
      return reply.code(204).send(null)
    }
  )
}

function publicRule(rule: RuleDefinition) {
  const { id, title, detector, metric, metrics, severity, priority, workOrderKind, params } = rule
  return { id, title, detector, metric, metrics: [...metrics], severity, priority, workOrderKind, params: params as unknown as Record<string, unknown> }
}
