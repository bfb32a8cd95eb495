import { describe, expect, it } from 'vitest'
import { devicePrincipal, isTelemetryTopic, mayPublish, maySubscribe } from '../../../broker/topic-acl.js'

const device = devicePrincipal('pump-1-gw', 'harbour-view')
const service = { kind: 'service', account: 'ingest' } as const

describe('topic ACL', () => {
  it('lets a device publish only under its own prefix', () => {
    expect(mayPublish(device, 'sites/harbour-view/devices/pump-1-gw/telemetry')).toBe(true)
    expect(mayPublish(device, 'sites/harbour-view/devices/pump-1-gw/status')).toBe(true)
    expect(mayPublish(device, 'sites/harbour-view/devices/pump-2-gw/telemetry')).toBe(false)
    expect(mayPublish(device, 'sites/riverside/devices/pump-1-gw/telemetry')).toBe(false)
    expect(mayPublish(device, 'sites/harbour-view/devices/pump-1-gw/')).toBe(false)
    expect(mayPublish(device, 'sites/harbour-view/devices/pump-1-gw-evil/telemetry')).toBe(false)
    expect(mayPublish(device, '$SYS/broker/anything')).toBe(false)
  })

  it('lets services read; only ingest publishes, and only the telemetry it stored', () => {
    expect(mayPublish(service, 'sites/harbour-view/devices/pump-1-gw/telemetry')).toBe(false)
    expect(mayPublish(service, 'vigil/stored/harbour-view')).toBe(true)
    expect(mayPublish(service, 'vigil/stored/harbour-view/extra')).toBe(false)
    expect(mayPublish({ kind: 'service', account: 'rules' }, 'vigil/stored/harbour-view')).toBe(false)
    expect(mayPublish(device, 'vigil/stored/harbour-view')).toBe(false)
    expect(maySubscribe(service, 'vigil/stored/+')).toBe(true)
    expect(maySubscribe(device, 'vigil/stored/+')).toBe(false)
    expect(maySubscribe(service, 'sites/+/devices/+/telemetry')).toBe(true)
    expect(maySubscribe(service, '$share/ingest/sites/+/devices/+/telemetry')).toBe(false)
    expect(maySubscribe(service, '#')).toBe(false)
    expect(maySubscribe(service, '$SYS/#')).toBe(false)
  })

  it('lets a device subscribe only to its own commands', () => {
    expect(maySubscribe(device, 'sites/harbour-view/devices/pump-1-gw/commands')).toBe(true)
    expect(maySubscribe(device, 'sites/harbour-view/devices/pump-1-gw/commands/#')).toBe(true)
    expect(maySubscribe(device, 'sites/harbour-view/devices/pump-1-gw/commands/reboot')).toBe(true)
    expect(maySubscribe(device, 'sites/harbour-view/devices/pump-1-gw/#')).toBe(false)
    expect(maySubscribe(device, 'sites/harbour-view/devices/+/commands')).toBe(false)
    expect(maySubscribe(device, 'sites/harbour-view/devices/pump-1-gw/commands/+')).toBe(false)
    expect(maySubscribe(device, '#')).toBe(false)
  })

  it('recognises exactly its own telemetry topic', () => {
    expect(isTelemetryTopic(device, 'sites/harbour-view/devices/pump-1-gw/telemetry')).toBe(true)
    expect(isTelemetryTopic(device, 'sites/harbour-view/devices/pump-1-gw/events')).toBe(false)
    expect(isTelemetryTopic(device, 'sites/harbour-view/devices/pump-1-gw/telemetry/x')).toBe(false)
  })
})
