import type { AlertMute } from '../core/domain/alert.js'
import type { Equipment } from '../core/domain/equipment.js'
import type { WorkOrder } from '../core/domain/work-order.js'
import { activeWindow } from '../core/maintenance/maintenance-window.js'
import type { MaintenanceWindowStore } from '../core/maintenance/maintenance-window-store.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import type { MuteSource } from './alert-service.js'

/**
 * An equipment's new alerts are muted while an engineer is working on it (its active work order
 * is in progress: readings of a machine under repair say nothing about its health) and inside its
 * maintenance windows (a weekly fire-pump test run looks like a fault).
 */
export class EquipmentMutes implements MuteSource {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly windows: MaintenanceWindowStore
  ) {}

  async muteFor(equipment: Equipment, ts: number): Promise<AlertMute | undefined> {
    const [windows, activeId] = await Promise.all([this.windows.list(equipment.id), this.redis.get(this.keys.activeWorkOrder(equipment.id))])
    const window = activeWindow(windows, ts)
    if (window !== undefined) return { reason: `maintenance window: ${window.window.reason}`, until: new Date(window.until).toISOString() }
    if (activeId === null) return undefined
    const json = await this.redis.get(this.keys.workOrder(activeId))
    if (json === null) return undefined
    const workOrder = JSON.parse(json) as WorkOrder
    return workOrder.status === 'in_progress' ? { reason: `work order ${workOrder.id} in progress` } : undefined
  }
}
