import type { Aedes, Client } from 'aedes'
import { deviceTopic } from '../core/telemetry/topics.js'
import type { BrokerPrincipal } from './topic-acl.js'

/**
 * The broker, not only the device's will, keeps `sites/{site}/devices/{id}/status` (retained)
 * true: `online` when a device's session is ready, `offline` when its connection ends — also after
 * a clean DISCONNECT, when MQTT sends no will. A device that reconnects at once (taking over its
 * own session) ends `online`: the takeover closes the old connection before the new one is ready.
 */
export function trackDeviceStatus(aedes: Aedes, principalOf: (client: Client) => BrokerPrincipal | undefined, onError: (error: Error) => void): void {
  const publish = (principal: Extract<BrokerPrincipal, { kind: 'device' }>, status: 'online' | 'offline'): void => {
    aedes.publish(
      { cmd: 'publish', topic: deviceTopic(principal.siteId, principal.deviceId, 'status'), payload: Buffer.from(status), qos: 1, retain: true, dup: false },
      (error) => {
        if (error) onError(error)
      }
    )
  }
  aedes.on('clientReady', (client) => {
    const principal = principalOf(client)
    if (principal?.kind === 'device') publish(principal, 'online')
  })
  aedes.on('clientDisconnect', (client) => {
    const principal = principalOf(client)
    if (principal?.kind === 'device' && aedes.closed !== true) publish(principal, 'offline')
  })
}
