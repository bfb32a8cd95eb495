import type { ServiceAccountName } from '../auth/service-credentials.js'
import type { Building, Device, Equipment, EquipmentType, Site } from '../domain/equipment.js'
import type { Fleet } from '../domain/fleet.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'

/** A device as stored: the MQTT password only as an scrypt hash. */
export interface DeviceRecord extends Device {
  passwordHash: string
}

export interface ServiceAccountRecord {
  name: ServiceAccountName
  passwordHash: string
}

export interface EquipmentFilter {
  siteId?: string | undefined
  type?: EquipmentType | undefined
}

/**
 * Sites, buildings, equipment, devices and service accounts in Redis. Every write publishes on
 * `registry-changed` so that caches (ingest's device directory) reload.
 */
export class RegistryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async putSite(site: Site): Promise<void> {
    await this.put(this.keys.site(site.id), this.keys.siteIndex, site.id, site)
  }

  async putBuilding(building: Building): Promise<void> {
    await this.put(this.keys.building(building.id), this.keys.buildingIndex, building.id, building)
  }

  async putEquipment(equipment: Equipment): Promise<void> {
    await this.put(this.keys.equipment(equipment.id), this.keys.equipmentIndex, equipment.id, equipment)
  }

  async putDevice(device: DeviceRecord): Promise<void> {
    await this.put(this.keys.device(device.id), this.keys.deviceIndex, device.id, device)
  }

  /** Registers a whole fleet; devices get the password hashes given, keyed by device id. */
  async putFleet(fleet: Fleet, passwordHashes: ReadonlyMap<string, string>): Promise<void> {
    const pipeline = this.redis.pipeline()
    const add = (key: string, index: string, id: string, value: unknown): void => {
      pipeline.set(key, JSON.stringify(value)).sadd(index, id)
    }
    for (const site of fleet.sites) add(this.keys.site(site.id), this.keys.siteIndex, site.id, site)
    for (const building of fleet.buildings) add(this.keys.building(building.id), this.keys.buildingIndex, building.id, building)
    for (const equipment of fleet.equipment) add(this.keys.equipment(equipment.id), this.keys.equipmentIndex, equipment.id, equipment)
    for (const device of fleet.devices) {
      const passwordHash = passwordHashes.get(device.id)
      if (passwordHash === undefined) throw new Error(`No password hash for device ${device.id}`)
      add(this.keys.device(device.id), this.keys.deviceIndex, device.id, { ...device, passwordHash } satisfies DeviceRecord)
    }
    pipeline.publish(this.keys.registryChanged, 'fleet')
    await pipeline.exec()
  }

  async getSite(id: string): Promise<Site | undefined> {
    return this.get<Site>(this.keys.site(id))
  }

  async getEquipment(id: string): Promise<Equipment | undefined> {
    return this.get<Equipment>(this.keys.equipment(id))
  }

  async getDevice(id: string): Promise<DeviceRecord | undefined> {
    return this.get<DeviceRecord>(this.keys.device(id))
  }

  async listEquipment(filter: EquipmentFilter = {}): Promise<Equipment[]> {
    const all = await this.list<Equipment>(this.keys.equipmentIndex, this.keys.equipment)
    return all
      .filter((e) => (filter.siteId === undefined || e.siteId === filter.siteId) && (filter.type === undefined || e.type === filter.type))
      .sort((a, b) => a.id.localeCompare(b.id))
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return this.list<DeviceRecord>(this.keys.deviceIndex, this.keys.device)
  }

  async putServiceAccount(account: ServiceAccountRecord): Promise<void> {
    await this.redis.set(this.keys.serviceAccount(account.name), JSON.stringify(account))
  }

  async getServiceAccount(name: string): Promise<ServiceAccountRecord | undefined> {
    return this.get<ServiceAccountRecord>(this.keys.serviceAccount(name))
  }

  private async put(key: string, index: string, id: string, value: unknown): Promise<void> {
    await this.redis.multi().set(key, JSON.stringify(value)).sadd(index, id).publish(this.keys.registryChanged, id).exec()
  }

  private async get<T>(key: string): Promise<T | undefined> {
    const value = await this.redis.get(key)
    return value === null ? undefined : (JSON.parse(value) as T)
  }

  private async list<T>(index: string, keyOf: (id: string) => string): Promise<T[]> {
    const ids = await this.redis.smembers(index)
    if (ids.length === 0) return []
    const values = await this.redis.mget(ids.map(keyOf))
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as T)
  }
}
