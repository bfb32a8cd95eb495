import { describe, expect, it } from 'vitest'
import { countConfusion, scoreOutliers } from '../../../../scripts/bench/skab/score-outliers.js'

describe('countConfusion', () => {
  it('counts each row once', () => {
    // rows:     0   1   2   3   4   5
    // label:    0   0   1   1   1   0
    // predict:  0   1   1   0   1   0
    //           TN  FP  TP  FN  TP  TN
    expect(countConfusion({ labels: [0, 0, 1, 1, 1, 0], predicted: [0, 1, 1, 0, 1, 0] })).toEqual({ tp: 2, tn: 2, fp: 1, fn: 1 })
  })

  it('refuses a prediction that does not cover every row', () => {
    expect(() => countConfusion({ labels: [0, 1], predicted: [0] })).toThrow(/predict every test row/)
  })
})

describe('scoreOutliers', () => {
  it('scores the example above: F1 = 2 / (2 + (1 + 1) / 2) = 0.67, FAR = 1/3 = 33.33 %, MAR = 1/3 = 33.33 %', () => {
    expect(scoreOutliers([{ labels: [0, 0, 1, 1, 1, 0], predicted: [0, 1, 1, 0, 1, 0] }])).toEqual({
      tp: 2,
      tn: 2,
      fp: 1,
      fn: 1,
      f1: 0.67,
      farPercent: 33.33,
      marPercent: 33.33
    })
  })

  it('gives the perfect detector F1 1, FAR 0, MAR 0 and the null detector F1 0, FAR 0, MAR 100', () => {
    const labels = [0, 1, 1, 0]
    expect(scoreOutliers([{ labels, predicted: labels }])).toMatchObject({ f1: 1, farPercent: 0, marPercent: 0 })
    expect(scoreOutliers([{ labels, predicted: [0, 0, 0, 0] }])).toMatchObject({ f1: 0, farPercent: 0, marPercent: 100 })
  })

  it('pools one confusion matrix over all files instead of averaging per file', () => {
    // File A: 4 anomalous rows, all flagged → TP 4 (its own F1 is 1).
    // File B: labels [1, 0], predicted [0, 1] → FN 1, FP 1 (its own F1 is 0).
    // Averaging would give F1 0.5; pooled TP 4, FP 1, FN 1, TN 0:
    //   F1 = 4 / (4 + (1 + 1) / 2) = 0.8, FAR = 1 / (1 + 0) = 100 %, MAR = 1 / (1 + 4) = 20 %.
    const scores = scoreOutliers([
      { labels: [1, 1, 1, 1], predicted: [1, 1, 1, 1] },
      { labels: [1, 0], predicted: [0, 1] }
    ])
    expect(scores).toEqual({ tp: 4, tn: 0, fp: 1, fn: 1, f1: 0.8, farPercent: 100, marPercent: 20 })
  })
})
