import type { Equipment } from '../core/domain/equipment.js'
import type { Reading } from '../core/telemetry/decode-telemetry.js'
import type { AlertService } from './alert-service.js'
import type { RuleTransition, RulesEngine } from './rules-engine.js'

/**
 * What the rules do with one reading, online (the telemetry consumer) and offline (a replay):
 * run the equipment's detectors, hand each transition to the alert service, then move the
 * equipment's alert clock to the reading's time so held alerts resolve. One code path, so a
 * replay raises exactly the alerts the running service would have raised.
 * `transitions` is a scratch array reused across readings.
 */
export function evaluateReading(
  engine: RulesEngine,
  alerts: Pick<AlertService, 'submit' | 'advance'>,
  equipment: Equipment,
  reading: Reading,
  transitions: RuleTransition[]
): void {
  transitions.length = 0
  engine.evaluate(equipment, reading, transitions)
  for (const transition of transitions) alerts.submit(transition)
  alerts.advance(equipment, reading.ts)
}
