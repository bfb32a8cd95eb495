import type { Client, ConnectPacket } from 'aedes'
import mqttPacket from 'mqtt-packet'

/** CONNACK return code 0x02 of MQTT 3.1.1 (3.2.2.3). */
export const IDENTIFIER_REJECTED = 2

export interface ClientIdRules {
  /**
   * Whether a client that sends a zero-length client id with CleanSession 1 is given one by the
   * broker [MQTT-3.1.3-6]. Vigil does not: a device's client id must be its device id and a
   * service's must start with its account name, so an assigned id could never log in.
   */
  assignClientIds: boolean
}

/**
 * The CONNACK return code a CONNECT must be refused with because of its client id, or undefined
 * when the id is acceptable.
 *
 * - A zero-length id with CleanSession 0: 0x02 [MQTT-3.1.3-8]. aedes 1.2 instead accepts it and
 *   makes up an id (`aedes_<uuid>`, lib/handlers/connect.js), giving the client a "persistent"
 *   session it can never return to; behind Vigil's logins it is refused, but with 0x05.
 * - A zero-length id with CleanSession 1 on a broker that does not assign ids: 0x02, the code for
 *   a rejected client id [MQTT-3.1.3-9].
 */
export function clientIdRefusal(packet: Pick<ConnectPacket, 'clientId' | 'clean'>, rules: ClientIdRules): typeof IDENTIFIER_REJECTED | undefined {
  if (packet.clientId !== '') return undefined
  if (packet.clean === false) return IDENTIFIER_REJECTED
  return rules.assignClientIds ? undefined : IDENTIFIER_REJECTED
}

/**
 * For aedes' `preConnect`: when the client id must be refused, sends CONNACK 0x02 and closes the
 * connection once it is written [MQTT-3.2.2-5], then returns true — the hook must then call
 * `done(null, false)` (not an error: with an error aedes destroys the socket at once, and the
 * CONNACK can be lost). aedes' own CONNACK for a refused login cannot carry 0x02 for this case:
 * `authenticate` never sees the client id the client sent, only the one aedes made up.
 */
export function enforceClientIdRules(client: Client, packet: ConnectPacket, rules: ClientIdRules): boolean {
  const returnCode = clientIdRefusal(packet, rules)
  if (returnCode === undefined) return false
  const conn = client.conn
  conn.end(mqttPacket.generate({ cmd: 'connack', returnCode, sessionPresent: false }), () => conn.destroy())
  return true
}
