// bench:detect — Vigil's detection scored on SKAB (the Skoltech water-pump benchmark) by SKAB's
// own protocol: per file, fit on the first 400 rows without labels, then stream the test rows
// causally; outlier F1 / FAR / MAR and changepoint NAB, beside SKAB's published leaderboard.
//
//   Run 1: one configuration (DEFAULT_VIGIL_SKAB_CONFIG) on all 34 labelled files.
//   Run 2: a configuration chosen by a small grid search scored on valve1 only, then tested on
//          valve2 + other, which the choice never saw.
//
// Targets: outlier F1 ≥ 0.80 with FAR ≤ 15 % (best published: Conv-AE 0.78 / 13.55 %),
// changepoint NAB standard ≥ 35 (best published: MSCRED 32.42).
//
//   npm run bench:detect [-- --out <dir>]   (--out writes run 1's predictions in SKAB's hand-in format)
//   SKAB_DIR=<path> overrides the data folder (default ../shared/data/skab).
import { parseArgs } from 'node:util'
import { loadSkab } from './bench/skab/load-skab.js'
import { SKAB_LEADERBOARD, formatScoreTable, scoreRow } from './bench/skab/leaderboard.js'
import { selectSkabConfig } from './bench/skab/select-skab-config.js'
import { runSkab } from './bench/skab/skab-protocol.js'
import type { SkabScores } from './bench/skab/skab-protocol.js'
import { DEFAULT_VIGIL_SKAB_CONFIG, vigilSkabDetector } from './bench/skab/vigil-skab-detector.js'
import type { VigilSkabConfig } from './bench/skab/vigil-skab-detector.js'
import { writeSkabPredictions } from './bench/skab/write-skab-predictions.js'

const TARGET_F1 = 0.8
const TARGET_MAX_FAR_PERCENT = 15
const TARGET_NAB_STANDARD = 35
const EXPECTED_FILES = 34

/** Run 2's candidates: 3 smoothing weights × 3 limit factors × 2 episode-end ratios, the rest as in the default. */
const GRID: VigilSkabConfig[] = [0.05, 0.1, 0.2].flatMap((lambda) =>
  [1.5, 2, 3].flatMap((factor) => [0.05, 0.2].map((episodeClearRatio) => ({ ...DEFAULT_VIGIL_SKAB_CONFIG, lambda, factor, episodeClearRatio })))
)

const { values: args } = parseArgs({ options: { out: { type: 'string' } } })
const started = process.hrtime.bigint()
const files = loadSkab()
if (files.length !== EXPECTED_FILES) throw new Error(`bench:detect: expected ${EXPECTED_FILES} labelled SKAB files, found ${files.length}`)

console.log('')
console.log(`bench:detect — Vigil's detection on SKAB (${files.length} files; fit on each file's first 400 rows, test rows streamed causally)`)

// Run 1
const run1 = runSkab(files, vigilSkabDetector(DEFAULT_VIGIL_SKAB_CONFIG))
console.log('')
console.log('Run 1 — one configuration for all 34 files')
console.log(`  ${describeConfig(DEFAULT_VIGIL_SKAB_CONFIG)}`)
console.log('')
console.log(indent(formatScoreTable([scoreRow('Vigil (MEWMA, all 34 files)', run1)])))
const pass1 = printTargets(run1)
if (args.out !== undefined) console.log(`  predictions written: ${writeSkabPredictions(args.out, run1.predictions).length} files under ${args.out}`)

// Run 2
const selection = files.filter((file) => file.folder === 'valve1')
const heldOut = files.filter((file) => file.folder !== 'valve1')
const chosen = selectSkabConfig(selection, GRID, vigilSkabDetector, { maxFarPercent: TARGET_MAX_FAR_PERCENT })
console.log('')
console.log(`Run 2 — configuration chosen on valve1 alone (${selection.length} files), tested on valve2 + other (${heldOut.length} files)`)
console.log(`  rule: highest F1 on valve1 among candidates with FAR ≤ ${TARGET_MAX_FAR_PERCENT} %, ties by NAB standard; ${GRID.length} candidates:`)
console.log('')
console.log('     lambda  factor  episode end   valve1 F1  FAR, %  NAB std')
for (const trial of chosen.trials) {
  const { config, scores } = trial
  const mark = trial === chosen.best ? '  <- chosen' : ''
  console.log(
    `     ${fixed(config.lambda, 2, 6)}  ${fixed(config.factor, 1, 6)}  ${fixed(config.episodeClearRatio, 2, 11)}   ${fixed(scores.outliers.f1, 2, 9)}  ${fixed(scores.outliers.farPercent, 2, 6)}  ${fixed(scores.nab.standard, 2, 7)}${mark}`
  )
}
const run2 = runSkab(heldOut, vigilSkabDetector(chosen.best.config))
const defaultHeldOut = runSkab(heldOut, vigilSkabDetector(DEFAULT_VIGIL_SKAB_CONFIG))
console.log('')
const sameAsRun1 = JSON.stringify(chosen.best.config) === JSON.stringify(DEFAULT_VIGIL_SKAB_CONFIG)
console.log(`  chosen: ${describeConfig(chosen.best.config)}${sameAsRun1 ? ' — the same configuration as run 1' : ''}`)
console.log('')
const leaderboardNote = 'The leaderboard rows are over all 34 files; the Vigil rows of run 2 over the 18 files of valve2 + other only.'
console.log(
  indent(
    formatScoreTable(
      [
        scoreRow('Vigil, chosen on valve1 (valve2 + other)', run2, leaderboardNote),
        scoreRow('Vigil, run 1 config (valve2 + other)', defaultHeldOut)
      ],
      SKAB_LEADERBOARD
    )
  )
)
const pass2 = printTargets(run2)
console.log('')
console.log(
  `run 1 (all 34 files): ${pass1 ? 'PASS' : 'FAIL'}; run 2 (chosen on valve1, held out): ${pass2 ? 'PASS' : 'FAIL'}` +
    ` — the run-1 design was shaped partly by looking at all files, so run 2 is the honest out-of-sample figure — ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`
)
process.exitCode = pass1 ? 0 : 1

function printTargets(scores: SkabScores): boolean {
  const { outliers, nab } = scores
  const outlierPass = outliers.f1 >= TARGET_F1 && outliers.farPercent <= TARGET_MAX_FAR_PERCENT
  const nabPass = nab.standard >= TARGET_NAB_STANDARD
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL')
  console.log('  target                                  got')
  console.log(`  outlier F1 ≥ ${TARGET_F1.toFixed(2)} with FAR ≤ ${TARGET_MAX_FAR_PERCENT} %       F1 ${outliers.f1.toFixed(2)}, FAR ${outliers.farPercent.toFixed(2)} %   ${verdict(outlierPass)}`)
  console.log(`  changepoint NAB standard ≥ ${TARGET_NAB_STANDARD}         ${nab.standard.toFixed(2)}                  ${verdict(nabPass)}`)
  const delay = Number.isNaN(nab.meanDelayMs) ? '–' : `${(nab.meanDelayMs / 1000).toFixed(1)} s`
  console.log(`  (TP ${outliers.tp}, TN ${outliers.tn}, FP ${outliers.fp}, FN ${outliers.fn}; changepoints: ${nab.detected} of ${nab.windows} detected, mean delay ${delay}, ${nab.falsePositives} false alarms)`)
  return outlierPass && nabPass
}

function describeConfig(config: VigilSkabConfig): string {
  return (
    `MEWMA over ${config.sensors.length} sensors (${config.sensors.join(', ')}); lambda ${config.lambda}, limit ${config.factor} × q${config.quantile}, ` +
    `${config.consecutive} in a row, baseline follows at ${config.baselineAlpha}, sd floor ${config.minStdDevFraction * 100} % of level, ` +
    `episode ends at ${config.episodeClearRatio} × peak then relearns ${config.settleSamples} rows at ${config.settleAlpha}, recession changepoint at ${config.recoveryRatio} × peak (peak ≥ ${config.recoveryMinPeak} × limit)`
  )
}

function fixed(value: number, decimals: number, width: number): string {
  return value.toFixed(decimals).padStart(width)
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n')
}
