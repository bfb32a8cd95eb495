import type { Aedes, Client } from 'aedes'

/** A packet in a persistent session's outgoing queue: a PUBLISH, or the PUBREL of a QoS 2 one. */
export interface QueuedPacket {
  cmd: string
  topic?: string
  qos?: number
  dup?: boolean
  retain?: boolean
  messageId?: number | undefined
  brokerId?: string
  brokerCounter?: number | string
}

/**
 * The part of an aedes persistence (aedes-persistence, aedes-persistence-redis) that the session
 * decorators change. aedes 1.x calls these without callbacks and uses the promises they return.
 */
export interface SessionQueuePersistence {
  setup(broker: Aedes): Promise<void>
  subscriptionsByClient(client: { id: string }): Promise<unknown>
  cleanSubscriptions(client: { id: string }): Promise<unknown>
  /** A stream, or (aedes-persistence-redis) an async iterable. */
  outgoingStream(client: { id: string }): AsyncIterable<unknown>
  outgoingUpdate(client: Client, packet: QueuedPacket): Promise<unknown>
  outgoingClearMessageId(client: Client, packet: { messageId?: number | undefined }): Promise<unknown>
}

/** What identifies a message in every queue it is in: the broker that took it in, and its number there. */
export function queueKey(packet: QueuedPacket): string {
  return `${packet.brokerId ?? ''}:${packet.brokerCounter ?? ''}`
}

/**
 * `persistence` with the methods `decorate` returns replaced; every other property is the
 * original's, methods bound to it. `decorate` gets the original to delegate to. aedes requires
 * `setup` to be an `async function`: an override of it must be one too. The type is left as it
 * was: aedes takes any persistence, and the aedes-persistence types declare its methods
 * callback-style although aedes 1.x calls them without callbacks, for their promises.
 *
 * Patch a persistence in place (as countQueuedMessages does) before decorating it: assigning a
 * replaced method on the decorated one throws, as the assignment could never take effect.
 */
export function decoratePersistence<P extends object>(persistence: P, decorate: (inner: SessionQueuePersistence) => Partial<SessionQueuePersistence>): P {
  const overrides = decorate(persistence as unknown as SessionQueuePersistence)
  const replaced = (property: string | symbol): boolean => Object.prototype.hasOwnProperty.call(overrides, property)
  // aedes calls the persistence for every publish (subscriptionsByTopic): bind each method once.
  const bound = new Map<string | symbol, unknown>()
  return new Proxy(persistence, {
    get(target, property) {
      if (replaced(property)) return overrides[property as keyof SessionQueuePersistence]
      const value: unknown = Reflect.get(target, property)
      if (typeof value !== 'function') return value
      let method = bound.get(property)
      if (method === undefined || (method as { original?: unknown }).original !== value) {
        method = Object.assign((value as (...args: unknown[]) => unknown).bind(target), { original: value })
        bound.set(property, method)
      }
      return method
    },
    set(target, property, value) {
      if (replaced(property)) throw new Error(`${String(property)} of this persistence is decorated: patch the persistence before decorating it`)
      return Reflect.set(target, property, value)
    }
  })
}
