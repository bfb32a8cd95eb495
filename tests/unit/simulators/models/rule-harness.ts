import path from 'node:path'
import type { EquipmentType } from '../../../../core/domain/equipment.js'
import { projectRoot } from '../../../../core/project-root.js'
import type { Detector } from '../../../../rules/detectors/detector.js'
import { loadRuleBook } from '../../../../rules/load-rule-book.js'
import { createDetector } from '../../../../rules/rule-definition.js'
import type { RuleBook, RuleDefinition } from '../../../../rules/rule-definition.js'
import type { DeviceModel } from '../../../../simulators/models/device-model.js'

/** 2024-03-01 00:00 UTC, 08:00 at the Asia/Shanghai sites. */
export const START_MS = Date.UTC(2024, 2, 1)
export const DAY_MS = 86_400_000

let book: Promise<RuleBook> | undefined

/** The shipped rules of one equipment type, each with a fresh detector configured from rules/config/*.yaml. */
export async function ruleDetectors(type: EquipmentType): Promise<{ rule: RuleDefinition; detector: Detector }[]> {
  book ??= loadRuleBook(path.join(projectRoot(), 'rules', 'config'))
  const rules = (await book).get(type) ?? []
  return rules.map((rule) => ({ rule, detector: createDetector(rule) }))
}

/** Feeds readings every `stepMs` from `startMs` for `durationMs`; returns the rule ids that fired, with the first time each fired. */
export async function runRules(model: DeviceModel, startMs: number, durationMs: number, stepMs = 1000): Promise<Map<string, number>> {
  const detectors = await ruleDetectors(model.equipmentType)
  const fired = new Map<string, number>()
  for (let ts = startMs; ts < startMs + durationMs; ts += stepMs) {
    const values = model.reading(ts)
    for (const { rule, detector } of detectors) {
      const value = values[rule.metric]
      if (value === undefined) throw new Error(`reading has no ${rule.metric}`)
      if (detector.update(ts, value)?.state === 'fire' && !fired.has(rule.id)) fired.set(rule.id, ts)
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
