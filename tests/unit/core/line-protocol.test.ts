import { describe, expect, it } from 'vitest'
import { encodeLine, seriesKey } from '../../../core/influx/line-protocol.js'

describe('line protocol', () => {
  const key = seriesKey('telemetry', { site: 'harbour-view', building: 'hv-tower-a', equipment_type: 'pump', equipment: 'hv-a-pump-1', device: 'hv-a-pump-1-gw' })

  it('puts the five registry tags in key order', () => {
    expect(key).toBe('telemetry,building=hv-tower-a,device=hv-a-pump-1-gw,equipment=hv-a-pump-1,equipment_type=pump,site=harbour-view')
  })

  it('writes every metric as a float field with a millisecond time', () => {
    expect(encodeLine(key, { bearing_temp_c: 51.25, running: 1 }, 1_796_000_000_123)).toBe(`${key} bearing_temp_c=51.25,running=1 1796000000123`)
  })

  it('escapes tag values even though registry ids never need it', () => {
    expect(seriesKey('telemetry', { site: 'a b', building: 'c,d', equipment_type: 'e=f', equipment: 'g', device: 'h' })).toBe(
      'telemetry,building=c\\,d,device=h,equipment=g,equipment_type=e\\=f,site=a\\ b'
    )
  })

  it('writes -0 as 0 and large or tiny values in a form InfluxDB parses', () => {
    expect(encodeLine('m', { a: -0, b: 1e21, c: 1.5e-7 }, 1)).toBe('m a=0,b=1e+21,c=1.5e-7 1')
  })
})
