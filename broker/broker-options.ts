/** What the broker listens on and the limits it keeps; every field has a default but host and port. */
export interface BrokerOptions {
  host: string
  /** 0 picks a free port. */
  port: number
  /** Largest packet, in bytes: a client announcing a larger one is disconnected at its header. */
  maxPacketBytes?: number
  /** Most connections open at once (all listeners together). */
  maxConnections?: number
  connectsPerSecondPerAddress?: number
  connectBurstPerAddress?: number
  /** Longest keep-alive a client may ask for, seconds; asking for none (0) or longer is refused. 0: no limit. */
  keepaliveMaxS?: number
  /** A client without username is let in as the device named by its client id. */
  allowAnonymous?: boolean
  tls?: { port: number; certFile: string; keyFile: string } | undefined
  /** MQTT over WebSocket (path /mqtt) on this port. */
  wsPort?: number | undefined
  /** Where sessions, retained and queued messages live (broker/broker-state.ts). */
  persistence?: 'memory' | 'redis'
  /** Routing shared with other broker processes through Redis. */
  emitter?: 'local' | 'redis'
  /** Redis of the broker's persistence and emitter (a database of its own). */
  stateRedisUrl?: string | undefined
  /**
   * Most messages held for persistent sessions and not yet acknowledged by them; at the bound
   * new publishes get no PUBACK until the subscribers catch up.
   */
  maxQueuedMessages?: number
  /** Failed logins from one address before its next attempts are slowed down. */
  failuresBeforeDelay?: number
}

export const BROKER_DEFAULTS = {
  maxPacketBytes: 65_536,
  maxConnections: 20_000,
  connectsPerSecondPerAddress: 200,
  connectBurstPerAddress: 2000,
  keepaliveMaxS: 1200,
  allowAnonymous: false,
  persistence: 'memory',
  emitter: 'local',
  maxQueuedMessages: 100_000,
  /** Failed logins from one address before its next attempts are slowed down. */
  failuresBeforeDelay: 3,
  /** How long an address's failures and connection rate are remembered. */
  addressWindowMs: 10 * 60_000
} as const
