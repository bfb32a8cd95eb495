import type { AlertSeverity } from '../core/domain/alert.js'
import type { HealthReason } from '../core/health/health-report.js'
import type { RuleDefinition } from './rule-definition.js'
import type { DetectorState } from './rules-engine.js'

export interface EquipmentHealth {
  /** 100 is healthy, 0 is failing. */
  score: number
  /** Worst first. */
  reasons: HealthReason[]
}

/** Points an open alert costs, by severity. */
const ALERT_PENALTY: Readonly<Record<AlertSeverity, number>> = { critical: 50, warning: 25, info: 10 }
/** At most this much for a detector drifting toward its limit without having fired. */
const ANOMALY_PENALTY = 20
/** A detector's score below this (half way to its limit) is normal variation: no penalty. */
const ANOMALY_FLOOR = 0.5

/**
 * The health score, 0–100: open alerts cost by severity; detectors that have not fired but are
 * past half way to their limit cost up to 20 points; a forecast crossing inside its horizon is
 * named with its time. A silent sensor costs nothing — it says nothing about the machine — but is
 * listed, so nobody mistakes stale health for good health.
 */
export function healthScore(rules: readonly RuleDefinition[], open: readonly { ruleId: string; flapping: boolean }[], detectors: readonly DetectorState[]): EquipmentHealth {
  const reasons: HealthReason[] = []
  const openIds = new Set<string>()
  for (const { ruleId, flapping } of open) {
    openIds.add(ruleId)
    const rule = rules.find((r) => r.id === ruleId)
    if (rule === undefined) continue
    if (rule.detector === 'heartbeat') {
      reasons.push({ kind: 'sensor', ruleId, penalty: 0, message: `${rule.title}: readings are missing, health may be out of date` })
      continue
    }
    reasons.push({ kind: 'alert', ruleId, penalty: ALERT_PENALTY[rule.severity], message: `open ${rule.severity} alert: ${rule.title}${flapping ? ' (flapping)' : ''}`, ...metricOf(rule) })
  }
  for (const { rule, score, forecast } of detectors) {
    if (openIds.has(rule.id)) continue
    if (forecast !== undefined && score >= ANOMALY_FLOOR) {
      reasons.push({
        kind: 'forecast',
        ruleId: rule.id,
        penalty: anomalyPenalty(score),
        message: `${rule.metric} forecast to cross its limit around ${forecast.crossingAt} (${forecast.earliest} – ${forecast.latest})`,
        ...metricOf(rule),
        ...(limitOf(rule) === undefined ? {} : { forecast: { ...forecast, limit: limitOf(rule) as number } })
      })
    } else if (score >= ANOMALY_FLOOR) {
      reasons.push({ kind: 'anomaly', ruleId: rule.id, penalty: anomalyPenalty(score), message: `${rule.title}: ${Math.round(score * 100)} % of the way to its limit`, ...metricOf(rule) })
    }
  }
  reasons.sort((a, b) => b.penalty - a.penalty || a.ruleId.localeCompare(b.ruleId))
  const total = reasons.reduce((sum, reason) => sum + reason.penalty, 0)
  return { score: Math.max(0, Math.round(100 - total)), reasons }
}

function anomalyPenalty(score: number): number {
  const beyondFloor = Math.min(1, (score - ANOMALY_FLOOR) / (1 - ANOMALY_FLOOR))
  return Math.round(ANOMALY_PENALTY * beyondFloor * 10) / 10
}

function metricOf(rule: RuleDefinition): { metric?: string } {
  return rule.metrics.length === 1 ? { metric: rule.metric } : {}
}

/** The limit a trend rule forecasts the crossing of. */
function limitOf(rule: RuleDefinition): number | undefined {
  if (rule.detector !== 'trend') return undefined
  return rule.params.above ?? rule.params.below
}
