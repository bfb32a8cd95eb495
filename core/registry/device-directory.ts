import type { Equipment } from '../domain/equipment.js'
import { seriesKey } from '../influx/line-protocol.js'
import { deviceTopic } from '../telemetry/topics.js'
import type { Redis } from '../redis/redis-connection.js'
import type { RedisKeys } from '../redis/redis-keys.js'
import type { DeviceRecord, RegistryStore } from './registry-store.js'

/** What ingest and rules need about a device, looked up once and kept. */
export interface DeviceContext {
  device: DeviceRecord
  equipment: Equipment
  /** `telemetry,building=...,site=...`: the line-protocol prefix of this device's readings. */
  telemetrySeriesKey: string
  /** `sites/{site}/devices/{id}/telemetry`: the one topic this device's readings may arrive on. */
  telemetryTopic: string
}

const MISS_TTL_MS = 10_000

/**
 * An in-memory view of the registry's devices for the per-message hot path: a Map lookup, no
 * I/O, after the first reading of a device. Dropped whenever the registry announces a change.
 */
export class DeviceDirectory {
  private readonly known = new Map<string, DeviceContext>()
  private readonly misses = new Map<string, number>()
  private subscriber: Redis | undefined

  constructor(private readonly registry: RegistryStore) {}

  /** Clears the cache whenever the registry changes; `subscriber` is a connection this directory owns. */
  async watch(subscriber: Redis, keys: RedisKeys): Promise<void> {
    this.subscriber = subscriber
    subscriber.on('message', () => this.clear())
    await subscriber.subscribe(keys.registryChanged)
  }

  get(deviceId: string): DeviceContext | undefined {
    return this.known.get(deviceId)
  }

  async resolve(deviceId: string): Promise<DeviceContext | undefined> {
    const cached = this.known.get(deviceId)
    if (cached !== undefined) return cached
    const missedAt = this.misses.get(deviceId)
    if (missedAt !== undefined && Date.now() - missedAt < MISS_TTL_MS) return undefined
    const device = await this.registry.getDevice(deviceId)
    const equipment = device === undefined ? undefined : await this.registry.getEquipment(device.equipmentId)
    if (device === undefined || equipment === undefined) {
      this.misses.set(deviceId, Date.now())
      return undefined
    }
    const context: DeviceContext = {
      device,
      equipment,
      telemetrySeriesKey: seriesKey('telemetry', {
        site: device.siteId,
        building: equipment.buildingId,
        equipment_type: equipment.type,
        equipment: equipment.id,
        device: device.id
      }),
      telemetryTopic: deviceTopic(device.siteId, device.id, 'telemetry')
    }
    this.known.set(deviceId, context)
    return context
  }

  clear(): void {
    this.known.clear()
    this.misses.clear()
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber
    this.subscriber = undefined
    if (subscriber !== undefined) await subscriber.quit()
  }
}
