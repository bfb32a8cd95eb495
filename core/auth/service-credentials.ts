import { createHmac } from 'node:crypto'

/** The service accounts of a deployment, each deriving its secrets from VIGIL_SERVICE_SECRET. */
export const SERVICE_ACCOUNTS = ['ingest', 'rules'] as const
export type ServiceAccountName = (typeof SERVICE_ACCOUNTS)[number]

/**
 * A credential for one purpose ("mqtt:ingest", "api:rules"), derived from the deployment's
 * service secret with HMAC-SHA256. Each process derives what it needs; none is stored in clear.
 */
export function deriveCredential(serviceSecret: string, purpose: string): string {
  return createHmac('sha256', serviceSecret).update(purpose).digest('base64url')
}

/** MQTT username and client-id prefix of a service account; devices cannot take these ids. */
export function serviceUsername(account: ServiceAccountName): string {
  return `vigil-${account}`
}
