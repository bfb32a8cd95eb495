import { STORED_TELEMETRY_PREFIX } from '../core/telemetry/stored-telemetry.js'
import { devicePrefix } from '../core/telemetry/topics.js'

/** Who is speaking on a connection, decided once at CONNECT. */
export type BrokerPrincipal =
  | { kind: 'device'; deviceId: string; siteId: string; prefix: string }
  | { kind: 'service'; account: string }

export function devicePrincipal(deviceId: string, siteId: string): BrokerPrincipal {
  return { kind: 'device', deviceId, siteId, prefix: devicePrefix(siteId, deviceId) }
}

/**
 * A device publishes only under `sites/{its site}/devices/{its id}/`. The ingest service account
 * publishes the telemetry it stored on `vigil/stored/{site}` (when it is not embedded in the broker).
 */
export function mayPublish(principal: BrokerPrincipal, topic: string): boolean {
  if (topic.startsWith('$')) return false
  if (principal.kind === 'service') return principal.account === 'ingest' && topic.startsWith(STORED_TELEMETRY_PREFIX) && !topic.includes('/', STORED_TELEMETRY_PREFIX.length)
  return topic.startsWith(principal.prefix) && topic.length > principal.prefix.length
}

/**
 * A device subscribes only to its own command topic; a service account may read anything under
 * `sites/` and `vigil/stored/`. Shared subscriptions (`$share/...`) are refused: aedes 1.2 grants
 * them in SUBACK and then delivers nothing, which would silently starve a second ingest.
 */
export function maySubscribe(principal: BrokerPrincipal, filter: string): boolean {
  if (principal.kind === 'device') {
    const commands = `${principal.prefix}commands`
    if (filter === commands || filter === `${commands}/#`) return true
    return filter.startsWith(`${commands}/`) && !/[+#]/.test(filter)
  }
  return filter.startsWith('sites/') || filter.startsWith(STORED_TELEMETRY_PREFIX)
}

export function isTelemetryTopic(principal: BrokerPrincipal, topic: string): boolean {
  return principal.kind === 'device' && topic.length === principal.prefix.length + 9 && topic.endsWith('/telemetry') && topic.startsWith(principal.prefix)
}
