import { mean, sampleStandardDeviation } from 'simple-statistics'

export interface StandardisedRows {
  means: number[]
  scales: number[]
  /**
   * d×d row-major, lower triangle only: the sum over rows of z_i·z_j for the standardised values
   * (divide by n − 1 for the sample correlation).
   */
  productSums: number[]
}

/**
 * Each metric's mean and standard deviation over warm-up rows (at least its floor; 1 where it is
 * 0), and the sums of products of the standardised values: what a multivariate baseline is
 * fitted from. Pure.
 */
export function standardiseRows(rows: readonly (readonly number[])[], d: number, floors?: readonly number[]): StandardisedRows {
  const means = Array.from({ length: d }, (_, i) => mean(rows.map((r) => r[i] as number)))
  const scales = Array.from({ length: d }, (_, i) => {
    const sd = Math.max(sampleStandardDeviation(rows.map((r) => r[i] as number)), floors?.[i] ?? 0)
    return sd > 0 ? sd : 1
  })
  const productSums = new Array<number>(d * d).fill(0)
  for (const row of rows) {
    for (let i = 0; i < d; i++) {
      const zi = ((row[i] as number) - (means[i] as number)) / (scales[i] as number)
      for (let j = 0; j <= i; j++) {
        const zj = ((row[j] as number) - (means[j] as number)) / (scales[j] as number)
        productSums[i * d + j] = (productSums[i * d + j] as number) + zi * zj
      }
    }
  }
  return { means, scales, productSums }
}
