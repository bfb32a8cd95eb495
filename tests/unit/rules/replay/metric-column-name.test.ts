import { describe, expect, it } from 'vitest'
import { METRIC_NAME_PATTERN } from '../../../../core/telemetry/decode-telemetry.js'
import { metricColumnName } from '../../../../rules/replay/metric-column-name.js'

describe('metricColumnName', () => {
  it('turns a column header into a metric name', () => {
    expect(metricColumnName('Volume Flow RateRMS')).toBe('volume_flow_raterms')
    expect(metricColumnName('Accelerometer1RMS')).toBe('accelerometer1rms')
    expect(metricColumnName('bearing_temp_c')).toBe('bearing_temp_c')
    expect(metricColumnName('  Temp (°C) ')).toBe('temp_c')
    expect(metricColumnName('__Motor--Current__A__')).toBe('motor_current_a')
    expect(metricColumnName('1st stage pressure')).toBe('m_1st_stage_pressure')
  })

  it('gives no name to a header without a letter or digit, and keeps names within the metric length', () => {
    expect(metricColumnName('')).toBeUndefined()
    expect(metricColumnName(' °/% ')).toBeUndefined()
    const long = metricColumnName('x'.repeat(63) + ' yz') as string
    expect(long).toMatch(METRIC_NAME_PATTERN)
    expect(long).toBe('x'.repeat(63))
  })
})
