import { GENERATED_SECRET_COST, hashPassword } from '../core/auth/password-hash.js'
import { devicePassword } from '../core/auth/service-provisioning.js'
import type { Engineer } from '../core/domain/engineer.js'
import type { Fleet } from '../core/domain/fleet.js'
import type { EngineerStore } from '../core/registry/engineer-store.js'
import type { RegistryStore } from '../core/registry/registry-store.js'

/** The simulated devices' MQTT passwords, derived from the service secret (never stored in clear). */
export function fleetCredentials(fleet: Fleet, secret: string): Map<string, string> {
  return new Map(fleet.devices.map((device) => [device.id, devicePassword(secret, device.id)]))
}

/** Registers the fleet's sites, buildings, equipment and devices, with scrypt hashes of their passwords. */
export async function registerFleet(registry: RegistryStore, fleet: Fleet, secret: string): Promise<void> {
  const hashes = await Promise.all([...fleetCredentials(fleet, secret)].map(async ([id, password]) => [id, await hashPassword(password, GENERATED_SECRET_COST)] as const))
  await registry.putFleet(fleet, new Map(hashes))
}

/** Registers (or replaces) the team file's engineers; their sites must be registered first. */
export async function registerTeam(engineers: EngineerStore, team: readonly Engineer[]): Promise<void> {
  for (const engineer of team) {
    const written = await engineers.put(engineer)
    if (written.outcome === 'no_site') throw new Error(`engineer ${engineer.id} works at site ${written.siteId}, which the fleet file does not have; fix TEAM_FILE or FLEET_FILE`)
  }
}
