import { describe, expect, it } from 'vitest'
import { CsvReadingParser } from '../../../../rules/replay/csv-reading-parser.js'
import { ReplayInputError } from '../../../../rules/replay/replay-input-error.js'

const T0 = Date.UTC(2020, 2, 9, 10, 14, 33)

describe('CsvReadingParser', () => {
  it('reads a SKAB row: ; separated, datetime column, headers as metric names', () => {
    const parser = new CsvReadingParser('datetime;Accelerometer1RMS;Volume Flow RateRMS;anomaly', { separator: ';' }, 'valve1/0.csv')
    expect(parser.timeColumn).toBe('datetime')
    expect(parser.metricNames).toEqual([undefined, 'accelerometer1rms', 'volume_flow_raterms', 'anomaly'])
    expect(parser.parse('2020-03-09 10:14:33;0.0265878;32.0;0.0', 2)).toEqual({ ts: T0, metrics: { accelerometer1rms: 0.0265878, volume_flow_raterms: 32, anomaly: 0 } })
  })

  it('finds the time column by name anywhere, else takes the first column; --time-col by header or metric name', () => {
    expect(new CsvReadingParser('pressure,Timestamp,flow', { separator: ',' }, 'f').timeColumn).toBe('Timestamp')
    expect(new CsvReadingParser('when,pressure', { separator: ',' }, 'f').timeColumn).toBe('when')
    expect(new CsvReadingParser('time,Sample Time,flow', { separator: ',', timeColumn: 'Sample Time' }, 'f').timeColumn).toBe('Sample Time')
    expect(new CsvReadingParser('time,Sample Time,flow', { separator: ',', timeColumn: 'sample_time' }, 'f').timeColumn).toBe('Sample Time')
    expect(() => new CsvReadingParser('time,flow', { separator: ',', timeColumn: 'clock' }, 'f.csv')).toThrow(/^f\.csv:1: no column 'clock' for the time; the columns are 'time', 'flow'/)
  })

  it('reads epoch times and leaves out cells that are not numbers, counting them', () => {
    const parser = new CsvReadingParser('ts_ms,a,b,status', { separator: ',', timeColumn: 'ts_ms' }, 'f')
    expect(parser.parse('1583748873000,1.5,,running', 2)).toEqual({ ts: T0, metrics: { a: 1.5 } })
    expect(parser.parse('1583748874, -2e-3 ,NaN,0x10', 3)).toEqual({ ts: T0 + 1000, metrics: { a: -0.002 } })
    expect(parser.skippedCells).toBe(4)
  })

  it('reads tab-separated and quoted fields, skips blank lines and ignores cells past the header', () => {
    const parser = new CsvReadingParser('\uFEFF"time"\t"Flow, L/min"', { separator: '\t' }, 'f')
    expect(parser.metricNames).toEqual([undefined, 'flow_l_min'])
    expect(parser.parse('"2020-03-09T10:14:33Z"\t"7.5"\t99', 2)).toEqual({ ts: T0, metrics: { flow_l_min: 7.5 } })
    expect(parser.parse('   ', 3)).toBeUndefined()
  })

  it('names the file and line of a time it cannot read, or one that goes back', () => {
    const parser = new CsvReadingParser('time,a', { separator: ',' }, 'data/pump.csv')
    parser.parse('2020-03-09 10:14:33,1', 2)
    expect(() => parser.parse('2020-03-09 10:14:3x,1', 3)).toThrow(ReplayInputError)
    expect(() => parser.parse('2020-03-09 10:14:3x,1', 3)).toThrow(/^data\/pump\.csv:3: cannot read "2020-03-09 10:14:3x" in column 'time' as a time/)
    expect(() => parser.parse('2020-03-09 10:14:32,1', 4)).toThrow(/^data\/pump\.csv:4: time 2020-03-09T10:14:32.000Z is before the previous row's 2020-03-09T10:14:33.000Z/)
    expect(parser.parse('2020-03-09 10:14:33,2', 5)).toEqual({ ts: T0, metrics: { a: 2 } })
  })

  it('refuses a header whose columns collide, or that has nothing but the time', () => {
    expect(() => new CsvReadingParser('time,Flow Rate,flow_rate', { separator: ',' }, 'f.csv')).toThrow("f.csv:1: columns 'Flow Rate' and 'flow_rate' both become metric flow_rate; rename one")
    expect(() => new CsvReadingParser('time;a;b', { separator: ',' }, 'f.csv')).toThrow(/no column besides the time column 'time;a;b' \(separator ','; is it the right one\?\)/)
  })
})
