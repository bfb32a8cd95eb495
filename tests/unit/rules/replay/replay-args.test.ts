import { describe, expect, it } from 'vitest'
import { parseReplayArgs } from '../../../../rules/replay/replay-args.js'

describe('parseReplayArgs', () => {
  it('takes the file and its options, with defaults', () => {
    expect(parseReplayArgs(['data/valve1/0.csv'])).toEqual({ file: 'data/valve1/0.csv', rules: undefined, type: undefined, equipmentId: '0', separator: ',', timeColumn: undefined, out: undefined })
    expect(parseReplayArgs(['p.CSV', '--sep', ';', '--rules=r.yaml', '--type', 'elevator', '--equipment', 'el-1', '--time-col', 'ts', '--out', 'a.jsonl'])).toEqual({
      file: 'p.CSV',
      rules: 'r.yaml',
      type: 'elevator',
      equipmentId: 'el-1',
      separator: ';',
      timeColumn: 'ts',
      out: 'a.jsonl'
    })
    expect(parseReplayArgs(['p.tsv', '--sep', 'tab'])).toMatchObject({ separator: '\t' })
    expect(parseReplayArgs(['-h'])).toBe('help')
  })

  it('says in one line what is wrong', () => {
    expect(() => parseReplayArgs([])).toThrow(/^replay needs a CSV file/)
    expect(() => parseReplayArgs(['a.csv', 'b.csv'])).toThrow('replay takes one CSV file; also got b.csv')
    expect(() => parseReplayArgs(['a.csv', '--type', 'boiler'])).toThrow('--type boiler: expected one of elevator, pump, fire_system')
    expect(() => parseReplayArgs(['a.csv', '--speed', '2'])).toThrow(/--speed.*vigil replay --help lists the options/)
    expect(() => parseReplayArgs(['a.csv', '--sep', ''])).toThrow(/--sep needs a separator/)
  })
})
