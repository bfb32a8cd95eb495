import type { Equipment } from '../core/domain/equipment.js'
import { loadRuleBookWithSources } from './load-rule-book.js'
import type { RuleBook, RuleDefinition } from './rule-definition.js'
import { effectiveRules } from './rule-overrides.js'
import type { RuleOverrideStore } from './rule-overrides.js'

/** The rules in force: the files' book, and the equipment whose overrides make their rules differ. */
export interface RuleSet {
  book: RuleBook
  perEquipment: Map<string, RuleDefinition[]>
  /** Overrides that no longer fit (reported, the file's rule runs instead). */
  problems: string[]
}

/** Reads the rule files and every override; throws RuleFileError if a file is wrong. */
export async function loadRuleSet(dir: string, overrides: RuleOverrideStore): Promise<RuleSet> {
  const { book, sources } = await loadRuleBookWithSources(dir)
  const perEquipment = new Map<string, RuleDefinition[]>()
  const problems: string[] = []
  for (const own of await overrides.all()) {
    const result = effectiveRules(book, sources, own)
    perEquipment.set(own.equipmentId, result.rules)
    problems.push(...result.problems)
  }
  return { book, perEquipment, problems }
}

/** The rules one equipment runs under a rule set. */
export function rulesOf(set: RuleSet, equipment: Equipment): readonly RuleDefinition[] {
  return set.perEquipment.get(equipment.id) ?? set.book.get(equipment.type) ?? []
}
