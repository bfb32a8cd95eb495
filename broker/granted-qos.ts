import type { AedesPublishPacket, Client } from 'aedes'

type Subscriptions = Record<string, { qos: number } | undefined>

/**
 * For aedes' `authorizeForward`: a message goes to a subscriber at the lower of its own QoS and
 * the highest QoS granted to the subscriber's subscriptions that match its topic [MQTT-3.8.4-6],
 * [MQTT-3.3.5-1]. aedes 1.2 lowers it only when the topic is itself a subscribed filter
 * (lib/client.js, deliverQoS: `client.subscriptions[packet.topic]`), so a QoS 2 message reaches a
 * `sites/+/devices/+/telemetry` QoS 1 subscription at QoS 2, and so do the messages queued for an
 * offline session and the retained messages sent on SUBSCRIBE (a QoS 0 subscription gets them at
 * QoS 1).
 *
 * The packet is changed in place as well as returned: when aedes replays a persistent session's
 * queue it writes the packet it passed here and uses the return value only as a yes/no
 * (lib/handlers/connect.js, emptyQueueFilter).
 */
export function forwardAtGrantedQos(client: Client, packet: AedesPublishPacket): AedesPublishPacket {
  if (packet.qos === 0) return packet
  const granted = grantedQos(subscriptionsOf(client), packet.topic)
  if (granted !== undefined && granted < packet.qos) packet.qos = granted as 0 | 1
  return packet
}

/** The highest QoS among the filters that match `topic`; undefined when none does. */
export function grantedQos(subscriptions: Subscriptions, topic: string): number | undefined {
  let granted: number | undefined
  for (const filter in subscriptions) {
    const qos = subscriptions[filter]?.qos
    if (qos !== undefined && (granted === undefined || qos > granted) && topicMatchesFilter(filter, topic)) granted = qos
  }
  return granted
}

/**
 * MQTT 3.1.1 topic matching (4.7): `+` is one level, `#` the rest including the parent level,
 * and a filter starting with a wildcard does not match a topic starting with `$` [MQTT-4.7.2-1].
 */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false
  const filterLevels = filter.split('/')
  const topicLevels = topic.split('/')
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i]
    if (level === '#') return true
    if (i >= topicLevels.length) return false
    if (level !== '+' && level !== topicLevels[i]) return false
  }
  return filterLevels.length === topicLevels.length
}

function subscriptionsOf(client: Client): Subscriptions {
  const subscriptions = (client as unknown as { subscriptions?: Subscriptions }).subscriptions
  if (subscriptions === undefined) throw new Error('aedes internals changed: no client.subscriptions (check broker/granted-qos.ts)')
  return subscriptions
}
