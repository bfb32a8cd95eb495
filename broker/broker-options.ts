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
}

export const BROKER_DEFAULTS = {
  maxPacketBytes: 65_536,
  maxConnections: 20_000,
  connectsPerSecondPerAddress: 200,
  connectBurstPerAddress: 2000,
  keepaliveMaxS: 1200,
  allowAnonymous: false,
  /** Failed logins from one address before its next attempts are slowed down. */
  failuresBeforeDelay: 3,
  /** How long an address's failures and connection rate are remembered. */
  addressWindowMs: 10 * 60_000
} as const
