import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SkabFile } from '../../../../scripts/bench/skab/load-skab.js'
import { writeSkabPredictions } from '../../../../scripts/bench/skab/write-skab-predictions.js'

describe('writeSkabPredictions', () => {
  let dir: string
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const file = (name: string, rowCount: number): SkabFile => ({
    name,
    folder: 'valve1',
    times: Array.from({ length: rowCount }, (_, i) => Date.UTC(2020, 2, 9, 10, 14, 33) + i * 1000),
    columns: ['a'],
    values: Array.from({ length: rowCount }, () => [0]),
    anomaly: new Uint8Array(rowCount),
    changepoint: new Uint8Array(rowCount)
  })

  it("writes one CSV per file at the file's relative path, test rows only, in the README's format", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'skab-out-'))
    const written = writeSkabPredictions(dir, [{ file: file('valve1/3.csv', 5), anomaly: Uint8Array.of(0, 1, 1), changepoint: Uint8Array.of(0, 1, 0) }], 2)
    expect(written).toEqual([path.join(dir, 'valve1', '3.csv')])
    expect(readFileSync(path.join(dir, 'valve1', '3.csv'), 'utf8')).toBe(
      'datetime,anomaly,changepoint\n2020-03-09 10:14:35,0,0\n2020-03-09 10:14:36,1,1\n2020-03-09 10:14:37,1,0\n'
    )
  })

  it('refuses predictions that do not cover the test rows', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'skab-out-'))
    expect(() => writeSkabPredictions(dir, [{ file: file('valve1/3.csv', 5), anomaly: new Uint8Array(2), changepoint: new Uint8Array(3) }], 2)).toThrow(/3 test rows/)
  })
})
