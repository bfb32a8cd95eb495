import { setTimeout as sleep } from 'node:timers/promises'
import { verifyPassword } from '../core/auth/password-hash.js'
import { SERVICE_ACCOUNTS, serviceUsername } from '../core/auth/service-credentials.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import type { AddressLimiter } from './address-limiter.js'
import { devicePrincipal } from './topic-acl.js'
import type { BrokerPrincipal } from './topic-acl.js'

export interface LoginRequest {
  clientId: string
  username: string | undefined
  password: Buffer | undefined
  address: string
  keepaliveS: number
}

/** CONNACK return codes of MQTT 3.1.1 (3.2.2.3) that a login can be refused with. */
export const CONNACK = { serverUnavailable: 3, badCredentials: 4, notAuthorized: 5 } as const

export type LoginResult = { ok: true; principal: BrokerPrincipal } | { ok: false; returnCode: 3 | 4 | 5; why: string }

export interface AuthenticatorOptions {
  allowAnonymous: boolean
  keepaliveMaxS: number
}

/**
 * Who may connect: a device by its id (which must also be its client id, so nobody can take over
 * its session) and scrypt-checked password; a service account (`vigil-ingest`, `vigil-rules`)
 * with a client id starting with its name; with `allowAnonymous`, a client without username as
 * the registered device named by its client id. An address with recent failed logins waits
 * before each further attempt is checked.
 */
export class ClientAuthenticator {
  constructor(
    private readonly registry: RegistryStore,
    private readonly options: AuthenticatorOptions,
    private readonly limiter: AddressLimiter
  ) {}

  async login(request: LoginRequest): Promise<LoginResult> {
    const delay = this.limiter.loginDelayMs(request.address)
    if (delay > 0) await sleep(delay)
    const result = await this.check(request)
    if (result.ok) this.limiter.loginSucceeded(request.address)
    else if (result.returnCode === CONNACK.badCredentials) this.limiter.loginFailed(request.address)
    return result
  }

  private async check(request: LoginRequest): Promise<LoginResult> {
    const { clientId, username, password, keepaliveS } = request
    const max = this.options.keepaliveMaxS
    if (max > 0 && (keepaliveS === 0 || keepaliveS > max)) {
      return { ok: false, returnCode: CONNACK.notAuthorized, why: `keep-alive ${keepaliveS} s: must be between 1 and ${max} s` }
    }
    if (username === undefined) {
      if (!this.options.allowAnonymous) return { ok: false, returnCode: CONNACK.notAuthorized, why: 'anonymous access is off' }
      const device = await this.registry.getDevice(clientId)
      if (device === undefined) return { ok: false, returnCode: CONNACK.notAuthorized, why: `anonymous client ${clientId} is not a registered device` }
      return { ok: true, principal: devicePrincipal(device.id, device.siteId) }
    }
    if (password === undefined) return { ok: false, returnCode: CONNACK.badCredentials, why: 'no password' }
    const secret = password.toString('utf8')
    const account = SERVICE_ACCOUNTS.find((name) => serviceUsername(name) === username)
    if (account !== undefined) {
      const record = await this.registry.getServiceAccount(account)
      if (record === undefined || !(await verifyPassword(secret, record.passwordHash))) return { ok: false, returnCode: CONNACK.badCredentials, why: 'bad service credentials' }
      if (!clientId.startsWith(username)) return { ok: false, returnCode: CONNACK.notAuthorized, why: `a ${username} client id must start with ${username}` }
      return { ok: true, principal: { kind: 'service', account } }
    }
    const device = await this.registry.getDevice(username)
    if (device === undefined || !(await verifyPassword(secret, device.passwordHash))) return { ok: false, returnCode: CONNACK.badCredentials, why: 'bad device credentials' }
    if (clientId !== device.id) return { ok: false, returnCode: CONNACK.notAuthorized, why: `device ${device.id} must use its id as client id` }
    return { ok: true, principal: devicePrincipal(device.id, device.siteId) }
  }
}
