// bench:fleet — how well the production rules catch the faults the simulators know, and how often
// they cry wolf. The fleet of simulators/fleet.yaml (--copies of it side by side) runs for --days
// simulated days at one reading a second, with the models' daily load cycles and random gaps, and
// a random schedule (--seed) of faults of every kind with healthy stretches between
// (bench/fleet/fault-schedule.ts). Every reading goes through the online rules path in this
// process, in virtual time, as fast as it can: evaluateReading (RulesEngine → AlertService), the
// heartbeat rules every RULES_HEARTBEAT_EVERY, the alert service on the in-memory alert store; no
// broker, no Redis. Scored against the schedule's ground truth (bench/fleet/score-fleet-run.ts);
// targets (issue 5): every fault kind detected ≥ 90 %, false alarms < 0.1 per equipment-day.
//
//   npm run bench:fleet [-- --seed 1 --days 30 --copies 2 --details]
import path from 'node:path'
import { createLogger } from '../core/logger.js'
import { projectRoot } from '../core/project-root.js'
import { loadRuleBook } from '../rules/load-rule-book.js'
import { loadFleetFile } from '../simulators/fleet-file.js'
import { scheduleFaults } from './bench/fleet/fault-schedule.js'
import { parseFleetBenchArgs } from './bench/fleet/fleet-bench-options.js'
import { formatFleetReport } from './bench/fleet/fleet-report.js'
import { replicateFleet } from './bench/fleet/replicate-fleet.js'
import { runFleet } from './bench/fleet/run-fleet.js'
import { scoreFleetRun } from './bench/fleet/score-fleet-run.js'

/** The simulator's default reading interval (SIM_INTERVAL_MS) and the rules engine's heartbeat check (RULES_HEARTBEAT_EVERY). */
const INTERVAL_MS = 1000
const HEARTBEAT_EVERY_MS = 15_000
/**
 * An alert up to this long after the failure still counts as its detection: a stuck sensor or a
 * dead gateway fails at onset, and the flatline rules need 10 min of repetition, the heartbeat
 * rules 2 min of silence, to be sure.
 */
const GRACE_MS = 15 * 60_000
/** Monday 1 January 2024, 08:00 at the Asia/Shanghai sites. */
const START_MS = Date.UTC(2024, 0, 1)
const DAY_MS = 86_400_000

let options
try {
  options = parseFleetBenchArgs(process.argv.slice(2))
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}
const root = projectRoot()
const fleet = replicateFleet(await loadFleetFile(path.join(root, 'simulators', 'fleet.yaml')), options.copies)
const book = await loadRuleBook(path.join(root, 'rules', 'config'))
const endMs = START_MS + options.days * DAY_MS
const faults = scheduleFaults(fleet.equipment, { startMs: START_MS, endMs, seed: options.seed })
const count = (type: string): number => fleet.equipment.filter((equipment) => equipment.type === type).length

const started = performance.now()
const run = await runFleet({
  fleet,
  book,
  faults,
  startMs: START_MS,
  endMs,
  intervalMs: INTERVAL_MS,
  heartbeatEveryMs: HEARTBEAT_EVERY_MS,
  seed: options.seed,
  logger: createLogger('warn'),
  onProgress: (reachedMs) => {
    if (process.stderr.isTTY && (reachedMs - START_MS) % DAY_MS === 0) process.stderr.write(`\r  simulated day ${(reachedMs - START_MS) / DAY_MS} of ${options.days}`)
  }
})
const wallMs = performance.now() - started
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')

const score = scoreFleetRun(faults, run.alarms, { equipmentIds: fleet.equipment.map((equipment) => equipment.id), startMs: START_MS, endMs, graceMs: GRACE_MS })
const report = formatFleetReport({
  score,
  heading: [
    '',
    `bench:fleet — fleet.yaml ×${options.copies}: ${fleet.equipment.length} equipment (${count('elevator')} elevators, ${count('pump')} pumps, ${count('fire_system')} fire systems), ${options.days} simulated days each, a reading every ${INTERVAL_MS / 1000} s, seed ${options.seed}`,
    `  production rules (rules/config) through evaluateReading and the heartbeat rules every ${HEARTBEAT_EVERY_MS / 1000} s, alerts on the in-memory store; ${run.workOrders} work orders queued`,
    `  ${faults.length} faults injected; detected: an alert of the equipment opened (or reopened) between onset and failure + ${GRACE_MS / 60_000} min; any other alert is a false alarm, except while a fault is under way (onset to repair)`
  ],
  wallMs,
  simulatedMs: endMs - START_MS,
  readings: run.readings,
  details: options.details,
  faults
})
console.log(report.lines.join('\n'))
process.exitCode = report.pass ? 0 : 1
