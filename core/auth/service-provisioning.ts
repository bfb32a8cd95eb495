import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RegistryStore } from '../registry/registry-store.js'
import type { ApiTokenStore } from './api-tokens.js'
import { hashPassword } from './password-hash.js'
import { SERVICE_ACCOUNTS, deriveCredential, serviceUsername } from './service-credentials.js'
import type { ServiceAccountName } from './service-credentials.js'

export function mqttServicePassword(secret: string, account: ServiceAccountName): string {
  return deriveCredential(secret, `mqtt:${account}`)
}

/** The rules engine's API token (role `service`). */
export function serviceApiToken(secret: string): string {
  return `vgl_${deriveCredential(secret, 'api:rules')}`
}

/** The admin token `vigil start` prints, stable across restarts of one data directory. */
export function quickstartApiToken(secret: string): string {
  return `vgl_${deriveCredential(secret, 'api:quickstart-admin')}`
}

export function devicePassword(secret: string, deviceId: string): string {
  return deriveCredential(secret, `device:${deviceId}`)
}

/** The broker side: stores the scrypt hashes of the ingest and rules MQTT passwords. */
export async function provisionMqttServiceAccounts(registry: RegistryStore, secret: string): Promise<void> {
  await Promise.all(
    SERVICE_ACCOUNTS.map(async (name) => registry.putServiceAccount({ name, passwordHash: await hashPassword(mqttServicePassword(secret, name)) }))
  )
}

/** The API side: accepts the rules engine's token. */
export async function provisionServiceApiToken(tokens: ApiTokenStore, secret: string): Promise<void> {
  await tokens.register(serviceApiToken(secret), { name: 'rules', role: 'service' })
}

export { serviceUsername }

/**
 * The deployment's service secret for `vigil start`: VIGIL_SERVICE_SECRET when set, else one
 * made on first start and kept (mode 0600) in the data directory, so tokens stay valid across restarts.
 */
export async function loadOrCreateServiceSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured !== undefined) return configured
  const file = path.join(dataDir, 'service-secret')
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch {
    const secret = randomBytes(32).toString('base64url')
    await mkdir(dataDir, { recursive: true })
    // 'wx': if another process made the file first, keep theirs.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined)
    return (await readFile(file, 'utf8')).trim()
  }
}
