import type { ServiceAccountName } from '../auth/service-credentials.js'
import type { Building, Device, Equipment, EquipmentType, Site } from '../domain/equipment.js'
import type { Fleet } from '../domain/fleet.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import { newQrCode } from './qr-code.js'
import { CREATE_RECORD, DELETE_RECORD, PUT_EQUIPMENT, REPLACE_RECORD, ROTATE_QR_CODE } from './registry-scripts.js'

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

export type CreateOutcome = 'created' | 'exists' | 'no_parent'
export type ReplaceOutcome = 'ok' | 'not_found'

/** What keeps a record from being deleted, by kind (`building`, `device`, `active work order`, ...). */
export interface Dependents {
  kind: string
  ids: string[]
}

export type DeleteOutcome = { outcome: 'deleted' } | { outcome: 'not_found' } | { outcome: 'in_use'; dependents: Dependents[] }

interface Dependent {
  kind: string
  key: string
  type: 'set' | 'string'
}

// A fresh code collides with one in use about once in 2^50 / fleet size draws; a few retries is plenty.
const QR_CODE_ATTEMPTS = 5

/**
 * Sites, buildings, equipment, devices and service accounts in Redis. Every write publishes on
 * `registry-changed` so that caches (ingest's device directory) reload. Each record is also in
 * its parent's child set (site → buildings → equipment → devices), so creating under a missing
 * parent and deleting a record something still hangs off are refused atomically.
 */
export class RegistryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys
  ) {}

  async putSite(site: Site): Promise<void> {
    await this.put(this.keys.site(site.id), this.keys.siteIndex, undefined, site.id, site)
  }

  async putBuilding(building: Building): Promise<void> {
    await this.put(this.keys.building(building.id), this.keys.buildingIndex, this.keys.siteBuildings(building.siteId), building.id, building)
  }

  /** Writes equipment as given, keeping the QR code it already has or giving it one. */
  async putEquipment(equipment: Equipment): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.redis.eval(PUT_EQUIPMENT, ...this.putEquipmentArgs(equipment, newQrCode()))
      if (outcome === 'ok') return
      if (attempt >= QR_CODE_ATTEMPTS) throw new Error(`no free QR code for equipment ${equipment.id} after ${attempt} attempts`)
    }
  }

  async putDevice(device: DeviceRecord): Promise<void> {
    await this.put(this.keys.device(device.id), this.keys.deviceIndex, this.keys.equipmentDevices(device.equipmentId), device.id, device)
  }

  /**
   * Registers a whole fleet; devices get the password hashes given, keyed by device id. Equipment
   * keeps the QR codes it was given before, so stickers already printed stay valid.
   */
  async putFleet(fleet: Fleet, passwordHashes: ReadonlyMap<string, string>): Promise<void> {
    const pipeline = this.redis.pipeline()
    const add = (key: string, index: string, parentSet: string | undefined, id: string, value: unknown): void => {
      pipeline.set(key, JSON.stringify(value)).sadd(index, id)
      if (parentSet !== undefined) pipeline.sadd(parentSet, id)
    }
    for (const site of fleet.sites) add(this.keys.site(site.id), this.keys.siteIndex, undefined, site.id, site)
    for (const building of fleet.buildings) add(this.keys.building(building.id), this.keys.buildingIndex, this.keys.siteBuildings(building.siteId), building.id, building)
    for (const device of fleet.devices) {
      const passwordHash = passwordHashes.get(device.id)
      if (passwordHash === undefined) throw new Error(`No password hash for device ${device.id}`)
      add(this.keys.device(device.id), this.keys.deviceIndex, this.keys.equipmentDevices(device.equipmentId), device.id, { ...device, passwordHash } satisfies DeviceRecord)
    }
    const equipmentFrom = pipeline.length
    for (const equipment of fleet.equipment) pipeline.eval(PUT_EQUIPMENT, ...this.putEquipmentArgs(equipment, newQrCode()))
    pipeline.publish(this.keys.registryChanged, 'fleet')
    const replies = (await pipeline.exec()) ?? []
    for (const [index, equipment] of fleet.equipment.entries()) {
      const [error, outcome] = replies[equipmentFrom + index] ?? [new Error('no reply')]
      if (error !== null && error !== undefined) throw error
      if (outcome !== 'ok') await this.putEquipment(equipment)
    }
  }

  /** Creates a site; 'exists' when the id is taken. */
  async createSite(site: Site): Promise<Exclude<CreateOutcome, 'no_parent'>> {
    return (await this.create(this.keys.site(site.id), this.keys.siteIndex, undefined, site.id, site)) as Exclude<CreateOutcome, 'no_parent'>
  }

  /** Creates a building; 'no_parent' when its site does not exist. */
  async createBuilding(building: Building): Promise<CreateOutcome> {
    return (await this.create(this.keys.building(building.id), this.keys.buildingIndex, { record: this.keys.site(building.siteId), children: this.keys.siteBuildings(building.siteId) }, building.id, building)) as CreateOutcome
  }

  /** Creates equipment with a new unique QR code; 'no_parent' when its building does not exist. */
  async createEquipment(equipment: Omit<Equipment, 'qrCode'>): Promise<{ outcome: CreateOutcome; equipment?: Equipment }> {
    const parent = { record: this.keys.building(equipment.buildingId), children: this.keys.buildingEquipment(equipment.buildingId) }
    for (let attempt = 1; attempt <= QR_CODE_ATTEMPTS; attempt++) {
      const created: Equipment = { ...equipment, qrCode: newQrCode() }
      const outcome = await this.create(this.keys.equipment(equipment.id), this.keys.equipmentIndex, parent, equipment.id, created, this.keys.equipmentByQrCode(created.qrCode ?? ''))
      if (outcome === 'created') return { outcome, equipment: created }
      if (outcome !== 'taken') return { outcome }
    }
    throw new Error(`no free QR code for equipment ${equipment.id} after ${QR_CODE_ATTEMPTS} attempts`)
  }

  /** Creates a device; 'no_parent' when its equipment does not exist. */
  async createDevice(device: DeviceRecord): Promise<CreateOutcome> {
    return (await this.create(this.keys.device(device.id), this.keys.deviceIndex, { record: this.keys.equipment(device.equipmentId), children: this.keys.equipmentDevices(device.equipmentId) }, device.id, device)) as CreateOutcome
  }

  /** Replaces a site's record; its id is the same. */
  async replaceSite(site: Site): Promise<ReplaceOutcome> {
    return this.replace(this.keys.site(site.id), site.id, site)
  }

  /** Replaces a building's record; its id and site stay the same. */
  async replaceBuilding(building: Building): Promise<ReplaceOutcome> {
    return this.replace(this.keys.building(building.id), building.id, building)
  }

  /** Replaces equipment's record; its id, building, type and QR code stay the same. */
  async replaceEquipment(equipment: Equipment): Promise<ReplaceOutcome> {
    return this.replace(this.keys.equipment(equipment.id), equipment.id, equipment)
  }

  /** Gives equipment a new QR code; the old one stops resolving. */
  async rotateQrCode(equipmentId: string): Promise<Equipment | undefined> {
    for (let attempt = 1; attempt <= QR_CODE_ATTEMPTS; attempt++) {
      const code = newQrCode()
      const outcome = await this.redis.eval(ROTATE_QR_CODE, 3, this.keys.equipment(equipmentId), this.keys.equipmentByQrCode(code), this.keys.registryChanged, equipmentId, code, this.keys.equipmentByQrCode(''))
      if (outcome === 'not_found') return undefined
      if (outcome === 'ok') return this.getEquipment(equipmentId)
    }
    throw new Error(`no free QR code for equipment ${equipmentId} after ${QR_CODE_ATTEMPTS} attempts`)
  }

  /** Deletes a site without buildings and without engineers working there. */
  async deleteSite(id: string): Promise<DeleteOutcome> {
    return this.delete(this.keys.site(id), this.keys.siteIndex, this.keys.siteIndex, id, [
      { kind: 'building', key: this.keys.siteBuildings(id), type: 'set' },
      { kind: 'engineer', key: this.keys.siteEngineers(id), type: 'set' }
    ])
  }

  async deleteBuilding(building: Building): Promise<DeleteOutcome> {
    return this.delete(this.keys.building(building.id), this.keys.buildingIndex, this.keys.siteBuildings(building.siteId), building.id, [
      { kind: 'equipment', key: this.keys.buildingEquipment(building.id), type: 'set' }
    ])
  }

  /** Deletes equipment without devices and without an active work order, with its QR code and maintenance windows. */
  async deleteEquipment(equipment: Equipment): Promise<DeleteOutcome> {
    const outcome = await this.delete(
      this.keys.equipment(equipment.id),
      this.keys.equipmentIndex,
      this.keys.buildingEquipment(equipment.buildingId),
      equipment.id,
      [
        { kind: 'device', key: this.keys.equipmentDevices(equipment.id), type: 'set' },
        { kind: 'active work order', key: this.keys.activeWorkOrder(equipment.id), type: 'string' }
      ],
      [...(equipment.qrCode === undefined ? [] : [this.keys.equipmentByQrCode(equipment.qrCode)]), this.keys.maintenanceWindows(equipment.id)]
    )
    if (outcome.outcome === 'deleted') await this.redis.hdel(this.keys.health, equipment.id)
    return outcome
  }

  async deleteDevice(device: Device): Promise<DeleteOutcome> {
    const outcome = await this.delete(this.keys.device(device.id), this.keys.deviceIndex, this.keys.equipmentDevices(device.equipmentId), device.id, [])
    if (outcome.outcome === 'deleted') await this.redis.hdel(this.keys.deviceLastSeen, device.id)
    return outcome
  }

  async getSite(id: string): Promise<Site | undefined> {
    return this.get<Site>(this.keys.site(id))
  }

  async getBuilding(id: string): Promise<Building | undefined> {
    return this.get<Building>(this.keys.building(id))
  }

  async getEquipment(id: string): Promise<Equipment | undefined> {
    return this.get<Equipment>(this.keys.equipment(id))
  }

  /** The equipment a printed QR code names, if the code is current. */
  async getEquipmentByQrCode(code: string): Promise<Equipment | undefined> {
    const id = await this.redis.get(this.keys.equipmentByQrCode(code))
    const equipment = id === null ? undefined : await this.getEquipment(id)
    return equipment?.qrCode === code ? equipment : undefined
  }

  async getDevice(id: string): Promise<DeviceRecord | undefined> {
    return this.get<DeviceRecord>(this.keys.device(id))
  }

  async listSites(): Promise<Site[]> {
    return (await this.list<Site>(this.keys.siteIndex, this.keys.site)).sort((a, b) => a.id.localeCompare(b.id))
  }

  async listBuildings(filter: { siteId?: string | undefined } = {}): Promise<Building[]> {
    const all = await this.list<Building>(this.keys.buildingIndex, this.keys.building)
    return all.filter((b) => filter.siteId === undefined || b.siteId === filter.siteId).sort((a, b) => a.id.localeCompare(b.id))
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

  private putEquipmentArgs(equipment: Equipment, candidateCode: string): [number, ...string[]] {
    const { qrCode: _ignored, ...record } = equipment
    return [5, this.keys.equipment(equipment.id), this.keys.equipmentIndex, this.keys.buildingEquipment(equipment.buildingId), this.keys.registryChanged, this.keys.equipmentByQrCode(candidateCode), equipment.id, JSON.stringify(record), candidateCode]
  }

  private async put(key: string, index: string, parentSet: string | undefined, id: string, value: unknown): Promise<void> {
    const multi = this.redis.multi().set(key, JSON.stringify(value)).sadd(index, id)
    if (parentSet !== undefined) multi.sadd(parentSet, id)
    await multi.publish(this.keys.registryChanged, id).exec()
  }

  private async create(key: string, index: string, parent: { record: string; children: string } | undefined, id: string, value: unknown, uniqueKey?: string): Promise<CreateOutcome | 'taken'> {
    const keys = [key, index, parent?.record ?? index, parent?.children ?? index, this.keys.registryChanged, ...(uniqueKey === undefined ? [] : [uniqueKey])]
    return (await this.redis.eval(CREATE_RECORD, keys.length, ...keys, id, JSON.stringify(value), parent === undefined ? '0' : '1')) as CreateOutcome | 'taken'
  }

  private async replace(key: string, id: string, value: unknown): Promise<ReplaceOutcome> {
    return (await this.redis.eval(REPLACE_RECORD, 2, key, this.keys.registryChanged, id, JSON.stringify(value))) as ReplaceOutcome
  }

  private async delete(key: string, index: string, parentSet: string, id: string, dependents: readonly Dependent[], alsoDelete: readonly string[] = []): Promise<DeleteOutcome> {
    const keys = [key, index, parentSet, this.keys.registryChanged, ...dependents.map((d) => d.key), ...alsoDelete]
    const reply = (await this.redis.eval(DELETE_RECORD, keys.length, ...keys, id, String(dependents.length), ...dependents.map((d) => d.type))) as string[]
    const [outcome, ...blocking] = reply
    if (outcome === 'deleted' || outcome === 'not_found') return { outcome }
    return { outcome: 'in_use', dependents: groupDependents(dependents, blocking) }
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

/** `['1:b1', '1:b2', '2:ana']` back to `[{kind: 'building', ids: ['b1', 'b2']}, {kind: 'engineer', ids: ['ana']}]`. */
function groupDependents(dependents: readonly Dependent[], blocking: readonly string[]): Dependents[] {
  return dependents
    .map((dependent, index) => ({
      kind: dependent.kind,
      ids: blocking
        .filter((entry) => entry.startsWith(`${index + 1}:`))
        .map((entry) => entry.slice(entry.indexOf(':') + 1))
        .sort()
    }))
    .filter((group) => group.ids.length > 0)
}
