import { isValidId } from '../domain/ids.js'

/** What a device publishes under its own prefix `sites/{siteId}/devices/{deviceId}/`. */
export type DeviceTopicKind = 'telemetry' | 'events' | 'status' | 'commands'

export interface DeviceTopic {
  siteId: string
  deviceId: string
  /** Everything after the device prefix, e.g. `telemetry` or `commands/reboot`. */
  rest: string
}

export const TELEMETRY_FILTER = 'sites/+/devices/+/telemetry'

export function deviceTopic(siteId: string, deviceId: string, kind: DeviceTopicKind): string {
  return `sites/${siteId}/devices/${deviceId}/${kind}`
}

export function devicePrefix(siteId: string, deviceId: string): string {
  return `sites/${siteId}/devices/${deviceId}/`
}

/** Splits `sites/{siteId}/devices/{deviceId}/{rest}`; undefined when the topic is not of that shape. */
export function parseDeviceTopic(topic: string): DeviceTopic | undefined {
  if (!topic.startsWith('sites/')) return undefined
  const siteEnd = topic.indexOf('/', 6)
  if (siteEnd < 0 || !topic.startsWith('/devices/', siteEnd)) return undefined
  const deviceStart = siteEnd + 9
  const deviceEnd = topic.indexOf('/', deviceStart)
  if (deviceEnd < 0 || deviceEnd === topic.length - 1) return undefined
  const siteId = topic.slice(6, siteEnd)
  const deviceId = topic.slice(deviceStart, deviceEnd)
  if (!isValidId(siteId) || !isValidId(deviceId)) return undefined
  return { siteId, deviceId, rest: topic.slice(deviceEnd + 1) }
}
