import { escape } from '@influxdata/influxdb-client'

/** The only tags Vigil writes (DESIGN.md): ids from the registry, never text from a payload. */
export interface SeriesTags {
  site: string
  building: string
  equipment_type: string
  equipment: string
  device: string
}

/**
 * `measurement,tag=value,...` with tags in key order (what InfluxDB sorts to anyway). Built once
 * per device and reused for every reading, so the hot path only appends fields and a time.
 */
export function seriesKey(measurement: string, tags: SeriesTags): string {
  return (
    `${escape.measurement(measurement)}` +
    `,building=${escape.tag(tags.building)}` +
    `,device=${escape.tag(tags.device)}` +
    `,equipment=${escape.tag(tags.equipment)}` +
    `,equipment_type=${escape.tag(tags.equipment_type)}` +
    `,site=${escape.tag(tags.site)}`
  )
}

/**
 * One line: every metric a float field, time in milliseconds. Metric names were checked against
 * `^[a-z][a-z0-9_]*$` and values are finite numbers, so nothing here needs escaping and no value
 * can end the line or start another.
 */
export function encodeLine(key: string, metrics: Record<string, number>, tsMs: number): string {
  let fields = ''
  for (const name in metrics) {
    fields += fields === '' ? `${name}=${formatFloat(metrics[name] as number)}` : `,${name}=${formatFloat(metrics[name] as number)}`
  }
  return `${key} ${fields} ${tsMs}`
}

/** A float in line protocol: integers get no `i` suffix, so a field never flips between int and float. */
function formatFloat(value: number): string {
  return Object.is(value, -0) ? '0' : String(value)
}
