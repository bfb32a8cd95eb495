import type { SkabFile } from './load-skab.js'
import { runSkab } from './skab-protocol.js'
import type { MakeDetector, SkabScores } from './skab-protocol.js'

export interface ConfigTrial<C> {
  config: C
  scores: SkabScores
}

export interface ConfigSelection<C> {
  best: ConfigTrial<C>
  /** Every candidate, in the order given. */
  trials: ConfigTrial<C>[]
}

export interface SelectionRule {
  /** Candidates whose false-alarm rate is above this (%) are chosen only if none is at or below it. */
  maxFarPercent: number
}

/**
 * Scores every candidate configuration on the selection files and picks one: the highest outlier F1
 * among those within the false-alarm budget (all of them if none is), ties broken by NAB standard,
 * then by the order given. Only the selection files are read.
 */
export function selectSkabConfig<C>(selectionFiles: readonly SkabFile[], candidates: readonly C[], make: (config: C) => MakeDetector, rule: SelectionRule): ConfigSelection<C> {
  if (candidates.length === 0) throw new Error('select SKAB config: no candidates')
  const trials = candidates.map((config): ConfigTrial<C> => {
    const { outliers, nab } = runSkab(selectionFiles, make(config))
    return { config, scores: { outliers, nab } }
  })
  const withinBudget = trials.filter((trial) => trial.scores.outliers.farPercent <= rule.maxFarPercent)
  const pool = withinBudget.length > 0 ? withinBudget : trials
  const best = pool.reduce((a, b) => (better(b, a) ? b : a))
  return { best, trials }
}

function better<C>(a: ConfigTrial<C>, b: ConfigTrial<C>): boolean {
  if (a.scores.outliers.f1 !== b.scores.outliers.f1) return a.scores.outliers.f1 > b.scores.outliers.f1
  return a.scores.nab.standard > b.scores.nab.standard
}
