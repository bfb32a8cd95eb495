import { Readable } from 'node:stream'
import { decoratePersistence, queueKey } from './persistence-decorator.js'
import type { QueuedPacket } from './persistence-decorator.js'

/**
 * Makes what aedes replays to a reconnecting persistent session carry the flags and packet ids
 * MQTT 3.1.1 asks for. aedes 1.2 replays the queue as stored (lib/handlers/connect.js, emptyQueue),
 * so:
 *
 * - a PUBLISH sent before and never acknowledged went out again with DUP 0; it must have DUP 1
 *   [MQTT-3.3.1-1], [MQTT-4.4.0-1];
 * - a message published with RETAIN 1 while the client was away went out with RETAIN 1; it matched
 *   an established subscription, so it must have RETAIN 0 [MQTT-3.3.1-9]. (Retained messages sent
 *   because of a new SUBSCRIBE are never queued.);
 * - with aedes-persistence-redis, which keeps one copy of a message for all its subscribers, packet
 *   id included, a message went out again with the packet id of whichever subscriber it was last
 *   sent to; it must keep the one it went to this client with [MQTT-4.4.0-1].
 *
 * What went out to whom is remembered here, for as long as the process lives: after a restart
 * a replayed message goes out as the store has it, as without this.
 */
export function markRedeliveries<P extends object>(persistence: P): P {
  return decoratePersistence(persistence, (inner) => {
    /** Per client id: packet id → queue key of each PUBLISH written to it and not yet acknowledged. */
    const sent = new Map<string, Map<number, string>>()
    const forget = (clientId: string, messageId: number | undefined): void => {
      const ids = sent.get(clientId)
      if (ids === undefined || messageId === undefined) return
      ids.delete(messageId)
      if (ids.size === 0) sent.delete(clientId)
    }
    return {
      async outgoingUpdate(client, packet) {
        await inner.outgoingUpdate(client, packet)
        if (packet.messageId === undefined) return
        // After PUBREC the PUBLISH is never sent again, only the PUBREL.
        if (packet.cmd !== 'publish') return forget(client.id, packet.messageId)
        let ids = sent.get(client.id)
        if (ids === undefined) sent.set(client.id, (ids = new Map<number, string>()))
        ids.set(packet.messageId, queueKey(packet))
      },
      async outgoingClearMessageId(client, packet) {
        const cleared = await inner.outgoingClearMessageId(client, packet)
        forget(client.id, packet.messageId)
        return cleared
      },
      async cleanSubscriptions(client) {
        sent.delete(client.id)
        await inner.cleanSubscriptions(client)
      },
      outgoingStream(client) {
        const sentAs = new Map<string, number>()
        for (const [messageId, key] of sent.get(client.id) ?? []) sentAs.set(key, messageId)
        return Readable.from(flagged(inner.outgoingStream(client), sentAs))
      }
    }
  })
}

/** The packet as it must be replayed, given the packet id it went out to this client with, if it did. */
export function redeliveryOf(packet: QueuedPacket, sentAs: number | undefined): QueuedPacket {
  if (packet.cmd !== 'publish') return packet
  return { ...packet, retain: false, dup: sentAs !== undefined, messageId: sentAs ?? packet.messageId }
}

async function* flagged(queue: AsyncIterable<unknown>, sentAs: Map<string, number>): AsyncGenerator<QueuedPacket> {
  for await (const item of queue) {
    const packet = item as QueuedPacket
    yield redeliveryOf(packet, sentAs.get(queueKey(packet)))
  }
}
