import { describe, expect, it } from 'vitest'
import { deviceTopic, parseDeviceTopic } from '../../../core/telemetry/topics.js'

describe('device topics', () => {
  it('builds and parses sites/{site}/devices/{device}/{rest}', () => {
    const topic = deviceTopic('harbour-view', 'hv-a-pump-1-gw', 'telemetry')
    expect(topic).toBe('sites/harbour-view/devices/hv-a-pump-1-gw/telemetry')
    expect(parseDeviceTopic(topic)).toEqual({ siteId: 'harbour-view', deviceId: 'hv-a-pump-1-gw', rest: 'telemetry' })
    expect(parseDeviceTopic('sites/s1/devices/d1/commands/reboot')).toEqual({ siteId: 's1', deviceId: 'd1', rest: 'commands/reboot' })
  })

  it.each(['sites/s1/devices/d1', 'sites/s1/devices/d1/', 'site/s1/devices/d1/telemetry', 'sites/S1/devices/d1/telemetry', 'sites/s1/things/d1/telemetry', 'sites//devices/d1/telemetry'])(
    'rejects %s',
    (topic) => expect(parseDeviceTopic(topic)).toBeUndefined()
  )
})
