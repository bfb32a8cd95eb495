import type { AedesOptions, Client, PublishPacket } from 'aedes'

type AuthorizePublish = NonNullable<AedesOptions['authorizePublish']>

interface IncomingStore {
  incomingGetPacket(client: Client, packet: PublishPacket): Promise<unknown>
}

/**
 * Wraps aedes' `authorizePublish` so that a QoS 2 PUBLISH the broker already holds — a
 * retransmission with the same packet id before the client's PUBREL — is not authorized again.
 *
 * aedes 1.2 itself forwards such a retransmission only once (lib/handlers/publish.js answers it
 * with PUBREC alone), but it runs `authorizePublish` first, for every copy. Vigil's embedded
 * ingest lives in `authorizePublish`, so the copy was stored again and republished on
 * `vigil/stored/{site}` — a duplicate for an onward recipient, which [MQTT-4.3.3-2] forbids.
 * The original passed authorization before aedes stored it, so skipping the check is safe.
 */
export function authorizeQos2Once(authorize: AuthorizePublish): AuthorizePublish {
  return (client, packet, done) => {
    if (client === null || packet.qos !== 2 || packet.messageId === undefined) return authorize(client, packet, done)
    incomingStoreOf(client)
      .incomingGetPacket(client, packet)
      .then(
        () => done(null),
        () => authorize(client, packet, done)
      )
  }
}

function incomingStoreOf(client: Client): IncomingStore {
  const persistence = (client as unknown as { broker?: { persistence?: Partial<IncomingStore> } }).broker?.persistence
  if (typeof persistence?.incomingGetPacket !== 'function') throw new Error('aedes internals changed: no client.broker.persistence.incomingGetPacket (check broker/qos2-once.ts)')
  return persistence as IncomingStore
}
