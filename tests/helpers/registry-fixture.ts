import type { Equipment } from '../../core/domain/equipment.js'
import { DeviceDirectory } from '../../core/registry/device-directory.js'
import type { DeviceContext } from '../../core/registry/device-directory.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'

export const PUMP: Equipment = { id: 'p1', siteId: 's1', buildingId: 'b1', type: 'pump', name: 'Booster pump 1', location: 'Basement' }

/** Registers one pump with one device and returns the directory entry ingest would use. */
export async function registerPump(registry: RegistryStore, equipment: Equipment = PUMP, deviceId = `${equipment.id}-gw`, passwordHash = 'scrypt$1$1$1$x$y'): Promise<DeviceContext> {
  await registry.putSite({ id: equipment.siteId, name: 'Site', timezone: 'Asia/Shanghai' })
  await registry.putBuilding({ id: equipment.buildingId, siteId: equipment.siteId, name: 'Building' })
  await registry.putEquipment(equipment)
  await registry.putDevice({ id: deviceId, equipmentId: equipment.id, siteId: equipment.siteId, buildingId: equipment.buildingId, equipmentType: equipment.type, passwordHash })
  const context = await new DeviceDirectory(registry).resolve(deviceId)
  if (context === undefined) throw new Error('registered device not found')
  return context
}
