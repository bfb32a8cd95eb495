import { orderReconnectDeliveries } from './ordered-reconnect.js'
import { markRedeliveries } from './redelivery-flags.js'

/**
 * `persistence` (aedes-persistence or aedes-persistence-redis) with a reconnecting persistent
 * session's queue replayed as MQTT 3.1.1 requires: DUP and RETAIN flags (redelivery-flags.ts) and
 * per-topic order (ordered-reconnect.ts). Patch the persistence in place (countQueuedMessages)
 * before this, not after.
 */
export function replaySessionsAsMqtt311<P extends object>(persistence: P): P {
  return orderReconnectDeliveries(markRedeliveries(persistence))
}
