import path from 'node:path'
import type { Equipment, EquipmentType } from '../../../../core/domain/equipment.js'
import { projectRoot } from '../../../../core/project-root.js'
import { loadRuleBook } from '../../../../rules/load-rule-book.js'
import { RulesEngine } from '../../../../rules/rules-engine.js'
import type { RuleTransition } from '../../../../rules/rules-engine.js'
import type { RuleBook, RuleDefinition } from '../../../../rules/rule-definition.js'
import type { DeviceModel } from '../../../../simulators/models/device-model.js'

/** 2024-03-01 00:00 UTC, 08:00 at the Asia/Shanghai sites. */
export const START_MS = Date.UTC(2024, 2, 1)
export const DAY_MS = 86_400_000

let book: Promise<RuleBook> | undefined

function shippedRules(): Promise<RuleBook> {
  book ??= loadRuleBook(path.join(projectRoot(), 'rules', 'config'))
  return book
}

/** The shipped rules of one equipment type (rules/config/*.yaml). */
export async function ruleDetectors(type: EquipmentType): Promise<{ rule: RuleDefinition }[]> {
  return ((await shippedRules()).get(type) ?? []).map((rule) => ({ rule }))
}

/**
 * Feeds readings every `stepMs` from `startMs` for `durationMs` through the rules engine with the
 * shipped rules; returns the rule ids that fired, with the first time each fired.
 */
export async function runRules(model: DeviceModel, startMs: number, durationMs: number, stepMs = 1000): Promise<Map<string, number>> {
  const engine = new RulesEngine(await shippedRules())
  const equipment: Equipment = { id: 'sim', siteId: 's', buildingId: 'b', type: model.equipmentType, name: 'sim', location: '' }
  const fired = new Map<string, number>()
  const transitions: RuleTransition[] = []
  for (let ts = startMs; ts < startMs + durationMs; ts += stepMs) {
    transitions.length = 0
    for (const transition of engine.evaluate(equipment, { ts, metrics: model.reading(ts) }, transitions)) {
      if (transition.state === 'fire' && !fired.has(transition.rule.id)) fired.set(transition.rule.id, ts)
    }
  }
  return fired
}

/** Readings every `stepMs`, as [ts, values] pairs. */
export function readings(model: DeviceModel, startMs: number, durationMs: number, stepMs = 1000): [number, Record<string, number>][] {
  const out: [number, Record<string, number>][] = []
  for (let ts = startMs; ts < startMs + durationMs; ts += stepMs) out.push([ts, model.reading(ts)])
  return out
}
