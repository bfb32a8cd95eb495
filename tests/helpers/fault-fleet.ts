import { hashPassword } from '../../core/auth/password-hash.js'
import type { Fleet } from '../../core/domain/fleet.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import type { LoadDevice } from '../../simulators/load-generator.js'

/** `count` pumps on one site, each with one device sharing a password (hashed once). */
export async function registerLoadFleet(registry: RegistryStore, count: number, password = 'fault-drill-password'): Promise<LoadDevice[]> {
  const fleet: Fleet = {
    sites: [{ id: 'drill-site', name: 'Drill site', timezone: 'UTC' }],
    buildings: [{ id: 'drill-building', siteId: 'drill-site', name: 'Drill building' }],
    equipment: Array.from({ length: count }, (_, i) => ({ id: `drill-pump-${i}`, siteId: 'drill-site', buildingId: 'drill-building', type: 'pump' as const, name: `Drill pump ${i}`, location: 'drill' })),
    devices: Array.from({ length: count }, (_, i) => ({ id: `drill-pump-${i}-gw`, equipmentId: `drill-pump-${i}`, siteId: 'drill-site', buildingId: 'drill-building', equipmentType: 'pump' as const }))
  }
  const hash = await hashPassword(password)
  await registry.putFleet(fleet, new Map(fleet.devices.map((d) => [d.id, hash])))
  return fleet.devices.map((d) => ({ id: d.id, siteId: d.siteId, password }))
}

/** Per device, the seq values stored (the load generator's `stampSeq`), sorted. */
export async function storedSeqs(influx: InfluxStore, deviceIds: readonly string[]): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>()
  for (const id of deviceIds) {
    const [series] = await influx.query(`SELECT "seq" FROM "telemetry" WHERE "device" = '${id}'`)
    result.set(id, (series?.values ?? []).map((row) => row[1] as number).sort((a, b) => a - b))
  }
  return result
}

/** 0 .. n-1 */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i)
}
