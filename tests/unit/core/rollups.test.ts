import { describe, expect, it } from 'vitest'
import { rollupLines } from '../../../core/influx/rollups.js'
import { contiguousRanges } from '../../../ingest/rollups/compute-rollups.js'

describe('rollupLines', () => {
  it('turns min_/max_/mean_/count_/sum_ columns into <metric>_<stat> fields, keeping the tags', () => {
    const lines = rollupLines('telemetry_1m', [
      {
        name: 'telemetry',
        tags: { site: 's1', device: 'd1' },
        columns: ['time', 'min_a', 'max_a', 'mean_a', 'count_a', 'sum_a', 'min_b', 'max_b', 'mean_b', 'count_b', 'sum_b'],
        values: [
          [60_000, 1, 3, 2, 3, 6, null, null, null, 0, null],
          [120_000, 5, 5, 5, 1, 5, 7.5, 7.5, 7.5, 1, 7.5]
        ]
      }
    ])
    expect(lines).toEqual([
      'telemetry_1m,device=d1,site=s1 a_min=1,a_max=3,a_mean=2,a_count=3,a_sum=6,b_count=0 60000',
      'telemetry_1m,device=d1,site=s1 a_min=5,a_max=5,a_mean=5,a_count=1,a_sum=5,b_min=7.5,b_max=7.5,b_mean=7.5,b_count=1,b_sum=7.5 120000'
    ])
  })
})

describe('contiguousRanges', () => {
  it('joins adjacent buckets into ranges, up to a maximum length', () => {
    expect(contiguousRanges([180_000, 60_000, 120_000, 600_000, 60_000], 60_000)).toEqual([
      { fromMs: 60_000, toMs: 240_000 },
      { fromMs: 600_000, toMs: 660_000 }
    ])
    expect(contiguousRanges([0, 60_000, 120_000], 60_000, 2)).toEqual([
      { fromMs: 0, toMs: 120_000 },
      { fromMs: 120_000, toMs: 180_000 }
    ])
  })
})
