/** The part of an aedes persistence that queues QoS 1/2 messages for persistent sessions. */
interface QueueingPersistence {
  outgoingEnqueue(sub: unknown, packet: { qos?: number }): Promise<void>
  outgoingEnqueueCombi(subs: readonly unknown[], packet: { qos?: number }): Promise<void>
  outgoingClearMessageId(client: unknown, packet: unknown): Promise<unknown>
}

/**
 * Counts the messages a persistence holds for persistent sessions — enqueued for a subscriber
 * and not yet acknowledged by it — by wrapping the three calls aedes makes (enqueue for online
 * and for offline sessions, clear on PUBACK). aedes exposes no such count. With Redis
 * persistence the count starts at 0 when the broker starts, whatever Redis already holds.
 */
export function countQueuedMessages(persistence: QueueingPersistence, onChange: (delta: number) => void): void {
  const enqueue = persistence.outgoingEnqueue.bind(persistence)
  const enqueueCombi = persistence.outgoingEnqueueCombi.bind(persistence)
  const clear = persistence.outgoingClearMessageId.bind(persistence)
  persistence.outgoingEnqueue = async (sub, packet) => {
    await enqueue(sub, packet)
    onChange(1)
  }
  persistence.outgoingEnqueueCombi = async (subs, packet) => {
    await enqueueCombi(subs, packet)
    if (subs.length > 0) onChange(subs.length)
  }
  persistence.outgoingClearMessageId = async (client, packet) => {
    const cleared = await clear(client, packet)
    if (cleared !== undefined && cleared !== null) onChange(-1)
    return cleared
  }
}
