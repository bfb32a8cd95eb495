import type { EquipmentType } from '../core/domain/equipment.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { overrideRule } from './load-rule-book.js'
import type { RuleSources } from './load-rule-book.js'
import type { RuleBook, RuleDefinition } from './rule-definition.js'

/** How one equipment runs one rule otherwise than its type's file says. */
export interface RuleOverride {
  /** false: the rule does not run on this equipment. */
  enabled?: boolean
  /** Fields of the rule as in the YAML file (`above`, `forSeconds`, `severity`, ...), laid over the file's. */
  fields?: Record<string, unknown>
}

export interface EquipmentRuleOverrides {
  equipmentId: string
  equipmentType: EquipmentType
  rules: Record<string, RuleOverride>
}

/**
 * An equipment's rules: its type's, with its overrides applied; a disabled rule is left out. An
 * override that no longer fits the file (a rule renamed, a field now invalid) is reported and the
 * file's rule runs instead.
 */
export function effectiveRules(book: RuleBook, sources: RuleSources, overrides: EquipmentRuleOverrides): { rules: RuleDefinition[]; problems: string[] } {
  const rules: RuleDefinition[] = []
  const problems: string[] = []
  const typeSources = sources.get(overrides.equipmentType)
  for (const rule of book.get(overrides.equipmentType) ?? []) {
    const override = overrides.rules[rule.id]
    if (override === undefined) {
      rules.push(rule)
      continue
    }
    if (override.enabled === false) continue
    const source = typeSources?.get(rule.id)
    if (override.fields === undefined || Object.keys(override.fields).length === 0 || source === undefined) {
      rules.push(rule)
      continue
    }
    const result = overrideRule(source, override.fields, `${overrides.equipmentId}/${rule.id}`)
    problems.push(...result.problems)
    rules.push(result.rule ?? rule)
  }
  for (const ruleId of Object.keys(overrides.rules)) {
    if (!(book.get(overrides.equipmentType) ?? []).some((rule) => rule.id === ruleId)) problems.push(`${overrides.equipmentId}/${ruleId}: no such rule for ${overrides.equipmentType}; the override is ignored`)
  }
  return { rules, problems }
}

/** Overrides in Redis, one hash field per equipment and rule; every change is announced on `rulesChanged`. */
export class RuleOverrideStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async get(equipmentId: string): Promise<EquipmentRuleOverrides | undefined> {
    return (await this.all()).find((overrides) => overrides.equipmentId === equipmentId)
  }

  async all(): Promise<EquipmentRuleOverrides[]> {
    const byEquipment = new Map<string, EquipmentRuleOverrides>()
    for (const [field, json] of Object.entries(await this.redis.hgetall(this.keys.ruleOverrides))) {
      const [equipmentId = '', ruleId = ''] = field.split('/')
      const { equipmentType, override } = JSON.parse(json) as { equipmentType: EquipmentType; override: RuleOverride }
      let entry = byEquipment.get(equipmentId)
      if (entry === undefined) byEquipment.set(equipmentId, (entry = { equipmentId, equipmentType, rules: {} }))
      entry.rules[ruleId] = override
    }
    return [...byEquipment.values()]
  }

  async put(equipmentId: string, equipmentType: EquipmentType, ruleId: string, override: RuleOverride): Promise<void> {
    await this.redis.hset(this.keys.ruleOverrides, `${equipmentId}/${ruleId}`, JSON.stringify({ equipmentType, override }))
    await this.redis.publish(this.keys.rulesChanged, equipmentId)
  }

  /** True if there was one. */
  async remove(equipmentId: string, ruleId: string): Promise<boolean> {
    const removed = (await this.redis.hdel(this.keys.ruleOverrides, `${equipmentId}/${ruleId}`)) === 1
    if (removed) await this.redis.publish(this.keys.rulesChanged, equipmentId)
    return removed
  }
}
