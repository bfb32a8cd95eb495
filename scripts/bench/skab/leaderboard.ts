import type { SkabScores } from './skab-protocol.js'

/** One algorithm's SKAB scores; a figure left out was not published (printed as '–'). */
export interface ScoreRow {
  algorithm: string
  f1?: number
  farPercent?: number
  marPercent?: number
  nabStandard?: number
  nabLowFp?: number
  nabLowFn?: number
  missedChangepoints?: number
  falsePositives?: number
  /** Printed as a footnote under the table. */
  note?: string
}

/**
 * SKAB's published "Proposed Leaderboard" (README at commit b2c0d46), figures as published; the
 * notes carry the README's caveats, with the figures that re-scoring SKAB's own predictions gives.
 */
export const SKAB_LEADERBOARD: readonly ScoreRow[] = [
  {
    algorithm: 'Perfect detector',
    f1: 1, farPercent: 0, marPercent: 0, nabStandard: 100, nabLowFp: 100, nabLowFn: 100, missedChangepoints: 0, falsePositives: 0,
    note: 'NAB 100 is the normaliser, not a run: copying the changepoint labels scores 92.91 (nine shortened windows).'
  },
  { algorithm: 'Conv-AE', f1: 0.78, farPercent: 13.55, marPercent: 28.02, nabStandard: 23.61, nabLowFp: 21.54, nabLowFn: 27.55, missedChangepoints: 82, falsePositives: 23 },
  { algorithm: 'MSET', f1: 0.78, farPercent: 39.73, marPercent: 14.13, nabStandard: 13.84, nabLowFp: 10.22, nabLowFn: 17.37, missedChangepoints: 96, falsePositives: 66 },
  {
    algorithm: 'T-squared+Q (PCA-based)',
    f1: 0.76, farPercent: 26.62, marPercent: 24.92, nabStandard: 25.35, nabLowFp: 14.51, nabLowFn: 31.33, missedChangepoints: 72, falsePositives: 232
  },
  { algorithm: 'LSTM-AE', f1: 0.74, farPercent: 29.96, marPercent: 25.92, nabStandard: 23.51, nabLowFp: 20.11, nabLowFn: 25.91, missedChangepoints: 88, falsePositives: 69 },
  {
    algorithm: 'T-squared',
    f1: 0.66, farPercent: 19.21, marPercent: 42.6, nabStandard: 19.54, nabLowFp: 10.2, nabLowFn: 24.31, missedChangepoints: 70, falsePositives: 106,
    note: 'Missed CPs and FPs are stale: its notebook and predictions give 84 missed and 203 FPs (the NAB scores match).'
  },
  {
    algorithm: 'LSTM-VAE',
    f1: 0.56, farPercent: 9.13, marPercent: 55.03,
    note: 'Outlier row only; no notebook or predictions, so it cannot be checked.'
  },
  { algorithm: 'Vanilla LSTM', f1: 0.54, farPercent: 12.54, marPercent: 59.53, nabStandard: 11.31, nabLowFp: -3.8, nabLowFn: 17.25, missedChangepoints: 90, falsePositives: 342 },
  {
    algorithm: 'MSCRED',
    f1: 0.36, farPercent: 49.94, marPercent: 69.88, nabStandard: 32.42, nabLowFp: 16.53, nabLowFn: 40.28, missedChangepoints: 55, falsePositives: 342,
    note: 'Scored on misaligned label slices; on the full test rows its predictions give F1 0.36, FAR 49.72, MAR 70.04, NAB 31.91 / 16.27 / 39.65, 57 missed, 342 FPs.'
  },
  { algorithm: 'Vanilla AE', f1: 0.39, farPercent: 2.59, marPercent: 75.15, nabStandard: 11.41, nabLowFp: 6.53, nabLowFn: 13.91, missedChangepoints: 103, falsePositives: 106 },
  { algorithm: 'Isolation forest', f1: 0.29, farPercent: 2.56, marPercent: 82.89, nabStandard: 26.16, nabLowFp: 19.5, nabLowFn: 30.82, missedChangepoints: 76, falsePositives: 135 },
  {
    algorithm: 'ArimaFD',
    nabStandard: -0.09, nabLowFp: -0.17, nabLowFn: -0.06, missedChangepoints: 127, falsePositives: 2,
    note: 'Missing from the outlier table; its notebook gives F1 0, FAR 0.01, MAR 100.'
  },
  { algorithm: 'Null detector', f1: 0, farPercent: 0, marPercent: 100, nabStandard: 0, nabLowFp: 0, nabLowFn: 0 }
]

/** A table row from a run's scores. */
export function scoreRow(algorithm: string, scores: SkabScores, note?: string): ScoreRow {
  const { outliers, nab } = scores
  return {
    algorithm,
    f1: outliers.f1,
    farPercent: outliers.farPercent,
    marPercent: outliers.marPercent,
    nabStandard: nab.standard,
    nabLowFp: nab.lowFp,
    nabLowFn: nab.lowFn,
    missedChangepoints: nab.missed,
    falsePositives: nab.falsePositives,
    ...(note === undefined ? {} : { note })
  }
}

type Figure = Exclude<keyof ScoreRow, 'algorithm' | 'note'>

const COLUMNS: readonly { key: Figure; title: string; decimals: number; higherIsBetter: boolean }[] = [
  { key: 'f1', title: 'F1', decimals: 2, higherIsBetter: true },
  { key: 'farPercent', title: 'FAR, %', decimals: 2, higherIsBetter: false },
  { key: 'marPercent', title: 'MAR, %', decimals: 2, higherIsBetter: false },
  { key: 'nabStandard', title: 'NAB std', decimals: 2, higherIsBetter: true },
  { key: 'nabLowFp', title: 'NAB LowFP', decimals: 2, higherIsBetter: true },
  { key: 'nabLowFn', title: 'NAB LowFN', decimals: 2, higherIsBetter: true },
  { key: 'missedChangepoints', title: 'Missed CPs', decimals: 0, higherIsBetter: false },
  { key: 'falsePositives', title: 'FPs', decimals: 0, higherIsBetter: false }
]

export interface ScoreTableOptions {
  /** Rank all rows, Vigil's included, best first by this figure; rows without it go last. Default: Vigil's rows, then the leaderboard in its order. */
  sortBy?: Figure
}

/** Vigil's rows (marked `*`) beside the leaderboard's, in one aligned plain-text table, notes as footnotes. */
export function formatScoreTable(vigilRows: readonly ScoreRow[], leaderboard: readonly ScoreRow[] = SKAB_LEADERBOARD, options: ScoreTableOptions = {}): string {
  const rows = [...vigilRows.map((row) => ({ row, vigil: true })), ...leaderboard.map((row) => ({ row, vigil: false }))]
  const { sortBy } = options
  if (sortBy !== undefined) {
    const sign = COLUMNS.find((column) => column.key === sortBy)?.higherIsBetter === false ? 1 : -1
    rows.sort((a, b) => {
      const x = a.row[sortBy]
      const y = b.row[sortBy]
      if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : 1) : -1
      return sign * (x - y)
    })
  }

  const notes: string[] = []
  const cells = rows.map(({ row, vigil }) => {
    let name = `${vigil ? '* ' : '  '}${row.algorithm}`
    if (row.note !== undefined) {
      notes.push(row.note)
      name += ` [${notes.length}]`
    }
    return [name, ...COLUMNS.map(({ key, decimals }) => formatFigure(row[key], decimals))]
  })
  const header = ['  Algorithm', ...COLUMNS.map((column) => column.title)]
  const widths = header.map((title, c) => Math.max(title.length, ...cells.map((line) => (line[c] ?? '').length)))
  const render = (line: readonly string[]): string =>
    line
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [render(header), rule, ...cells.map(render), ...(notes.length > 0 ? ['', ...notes.map((note, i) => `[${i + 1}] ${note}`)] : []), ''].join('\n')
}

function formatFigure(value: number | undefined, decimals: number): string {
  // Table values are already rounded as SKAB rounds them; toFixed only pads (0.7 → 0.70).
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(decimals)
}
