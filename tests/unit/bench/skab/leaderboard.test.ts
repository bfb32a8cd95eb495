import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatScoreTable, scoreRow, SKAB_LEADERBOARD } from '../../../../scripts/bench/skab/leaderboard.js'
import type { ScoreRow, ScoreTableOptions } from '../../../../scripts/bench/skab/leaderboard.js'
import { DEFAULT_SKAB_DIR } from '../../../../scripts/bench/skab/load-skab.js'
import type { SkabScores } from '../../../../scripts/bench/skab/skab-protocol.js'

const README = path.join(DEFAULT_SKAB_DIR, 'README.md')

/** The rows of the markdown table that follows `heading` in the README, cells as numbers ('–' → undefined). */
function readmeTable(text: string, heading: string): Map<string, (number | undefined)[]> {
  const lines = text.slice(text.indexOf(heading)).split('\n')
  const start = lines.findIndex((line) => line.startsWith('|'))
  const table = new Map<string, (number | undefined)[]>()
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    const [name = '', ...cells] = line.split('|').slice(1, -1).map((cell) => cell.trim())
    table.set(name, cells.map((cell) => (cell === '–' ? undefined : Number(cell.replace('−', '-')))))
  }
  return table
}

describe.skipIf(!existsSync(README))(`SKAB_LEADERBOARD (needs ${README})`, () => {
  it("holds exactly the figures of the README's two published tables", () => {
    const text = readFileSync(README, 'utf8')
    const outliers = readmeTable(text, 'Outlier detection — bigger F1')
    const changepoints = readmeTable(text, 'Changepoint detection — NAB with 60 s windows')
    expect(outliers.size).toBe(12)
    expect(changepoints.size).toBe(12)
    const algorithms = new Set([...outliers.keys(), ...changepoints.keys()])
    expect(SKAB_LEADERBOARD.map((row) => row.algorithm).sort()).toEqual([...algorithms].sort())
    for (const row of SKAB_LEADERBOARD) {
      const [f1, farPercent, marPercent] = outliers.get(row.algorithm) ?? []
      const [nabStandard, nabLowFp, nabLowFn, missedChangepoints, falsePositives] = changepoints.get(row.algorithm) ?? []
      const published = { f1, farPercent, marPercent, nabStandard, nabLowFp, nabLowFn, missedChangepoints, falsePositives }
      const { algorithm: _algorithm, note: _note, ...ours } = row
      expect(ours, row.algorithm).toEqual(Object.fromEntries(Object.entries(published).filter(([, value]) => value !== undefined)))
    }
  })
})

describe('formatScoreTable', () => {
  const vigil: ScoreRow = { algorithm: 'Vigil EWMA', f1: 0.8, farPercent: 10, marPercent: 20.5, nabStandard: 30.25, nabLowFp: -3.8, nabLowFn: 35, missedChangepoints: 50, falsePositives: 7 }
  const board: ScoreRow[] = [
    { algorithm: 'Conv-AE', f1: 0.78, farPercent: 13.55, marPercent: 28.02, nabStandard: 23.61, nabLowFp: 21.54, nabLowFn: 27.55, missedChangepoints: 82, falsePositives: 23 },
    { algorithm: 'LSTM-VAE', f1: 0.56, farPercent: 9.13, marPercent: 55.03, note: 'Outlier row only.' }
  ]

  it("prints Vigil's rows, marked, above the leaderboard's in aligned columns, with notes as footnotes", () => {
    expect(formatScoreTable([vigil], board)).toBe(
      [
        '  Algorithm       F1  FAR, %  MAR, %  NAB std  NAB LowFP  NAB LowFN  Missed CPs  FPs',
        '--------------  ----  ------  ------  -------  ---------  ---------  ----------  ---',
        '* Vigil EWMA    0.80   10.00   20.50    30.25      -3.80      35.00          50    7',
        '  Conv-AE       0.78   13.55   28.02    23.61      21.54      27.55          82   23',
        '  LSTM-VAE [1]  0.56    9.13   55.03        –          –          –           –    –',
        '',
        '[1] Outlier row only.',
        ''
      ].join('\n')
    )
  })

  it('ranks every row by one figure when asked, best first, rows without it last', () => {
    const order = (options: ScoreTableOptions): string[] =>
      formatScoreTable([vigil], board, options)
        .split('\n')
        .slice(2, 5)
        .map((line) => line.slice(2).split('  ')[0] ?? '')
    expect(order({ sortBy: 'f1' })).toEqual(['Vigil EWMA', 'Conv-AE', 'LSTM-VAE [1]'])
    // FAR: lower is better.
    expect(order({ sortBy: 'farPercent' })).toEqual(['LSTM-VAE [1]', 'Vigil EWMA', 'Conv-AE'])
    expect(order({ sortBy: 'nabStandard' })).toEqual(['Vigil EWMA', 'Conv-AE', 'LSTM-VAE [1]'])
  })

  it('turns a run into a row', () => {
    const scores = {
      outliers: { tp: 1, tn: 1, fp: 0, fn: 0, f1: 1, farPercent: 0, marPercent: 0 },
      nab: { standard: 1, lowFp: 2, lowFn: 3, missed: 4, falsePositives: 5 }
    } as unknown as SkabScores
    expect(scoreRow('x', scores)).toEqual({
      algorithm: 'x',
      f1: 1,
      farPercent: 0,
      marPercent: 0,
      nabStandard: 1,
      nabLowFp: 2,
      nabLowFn: 3,
      missedChangepoints: 4,
      falsePositives: 5
    })
  })
})
