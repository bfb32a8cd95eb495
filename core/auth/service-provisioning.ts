import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RegistryStore } from '../registry/registry-store.js'
import type { ApiTokenStore } from './api-tokens.js'
import { hashPassword } from './password-hash.js'
import { SERVICE_ACCOUNTS, deriveCredential, serviceUsername } from './service-credentials.js'
import type { ServiceAccountName } from './service-credentials.js'
import type { UserAccountStore } from './user-accounts.js'

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

/** The username of the demo manager `vigil start` makes, to sign in to the web app with a password. */
export const QUICKSTART_MANAGER = 'manager'

/** The demo manager's password `vigil start` prints (120 bits), stable across restarts of one data directory. */
export function quickstartManagerPassword(secret: string): string {
  return deriveCredential(secret, 'web:quickstart-manager').slice(0, 20)
}

/**
 * Makes the demo manager account unless it exists; answers its password while it is still the one
 * derived from the secret, undefined once an admin has set another (which is then not printed).
 */
export async function provisionQuickstartManager(accounts: UserAccountStore, secret: string): Promise<string | undefined> {
  const password = quickstartManagerPassword(secret)
  const created = await accounts.create({ username: QUICKSTART_MANAGER, name: 'Demo manager', role: 'manager', password, createdBy: 'quickstart' })
  if (created.outcome === 'created') return password
  return (await accounts.verify(QUICKSTART_MANAGER, password)) === undefined ? undefined : password
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
