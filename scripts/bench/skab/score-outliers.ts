import { skabRound } from './skab-round.js'

/** Row counts of one confusion matrix (label 1 = anomalous). */
export interface ConfusionCounts {
  tp: number
  tn: number
  fp: number
  fn: number
}

/** SKAB's outlier scores over the pooled confusion matrix, each rounded to 2 decimals as SKAB does. */
export interface OutlierScores extends ConfusionCounts {
  f1: number
  /** False-alarm rate: FP / (FP + TN), in %. */
  farPercent: number
  /** Missed-alarm rate: FN / (FN + TP), in %. */
  marPercent: number
}

/** The test rows of one file: labels and predictions, index for index, each 0 or 1. */
export interface OutlierRows {
  labels: ArrayLike<number>
  predicted: ArrayLike<number>
}

export function countConfusion({ labels, predicted }: OutlierRows): ConfusionCounts {
  if (labels.length !== predicted.length) {
    throw new Error(`outlier scoring: ${labels.length} labels but ${predicted.length} predictions (predict every test row)`)
  }
  const counts = { tp: 0, tn: 0, fp: 0, fn: 0 }
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i] === 1
    const alarm = predicted[i] === 1
    if (truth) {
      if (alarm) counts.tp++
      else counts.fn++
    } else if (alarm) counts.fp++
    else counts.tn++
  }
  return counts
}

/**
 * F1, FAR and MAR the way SKAB scores the outlier problem: one confusion matrix pooled over all
 * files (files are not averaged). A ratio whose denominator is 0 is NaN.
 */
export function scoreOutliers(files: Iterable<OutlierRows>): OutlierScores {
  const total = { tp: 0, tn: 0, fp: 0, fn: 0 }
  for (const file of files) {
    const counts = countConfusion(file)
    total.tp += counts.tp
    total.tn += counts.tn
    total.fp += counts.fp
    total.fn += counts.fn
  }
  const { tp, tn, fp, fn } = total
  return {
    ...total,
    f1: skabRound(tp / (tp + (fn + fp) / 2)),
    farPercent: skabRound((fp / (fp + tn)) * 100),
    marPercent: skabRound((fn / (fn + tp)) * 100)
  }
}
