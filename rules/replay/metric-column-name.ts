import { METRIC_NAME_PATTERN } from '../../core/telemetry/decode-telemetry.js'

/** Longest metric name telemetry accepts (METRIC_NAME_PATTERN). */
const MAX_LENGTH = 64

/**
 * A CSV column header as a metric name rules can refer to: lowercase, every run of other
 * characters as one `_`, no `_` at either end (`Volume Flow RateRMS` → `volume_flow_raterms`,
 * `Temp (°C)` → `temp_c`). A name that would start with a digit gets `m_` in front (`1st` →
 * `m_1st`); one with no letter or digit at all is undefined.
 */
export function metricColumnName(header: string): string | undefined {
  const name = header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  if (name === '') return undefined
  const prefixed = /^[0-9]/.test(name) ? `m_${name}` : name
  const trimmed = prefixed.slice(0, MAX_LENGTH).replace(/_+$/, '')
  return METRIC_NAME_PATTERN.test(trimmed) ? trimmed : undefined
}
