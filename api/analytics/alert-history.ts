import type { AlertFact } from '../../core/analytics/alert-fact.js'
import { isEquipmentType } from '../../core/domain/equipment.js'
import { quoteString } from '../../core/influx/influx-store.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'

/** The alerts opened in a time range, from InfluxDB `alert_events` (the rules engine forwards every transition there). */
export class AlertHistory {
  constructor(private readonly influx: InfluxStore) {}

  /** Alerts opened in [fromMs, toMs), at most `limit`, newest first; `complete` is false when the limit cut some off. */
  async opened(fromMs: number, toMs: number, limit: number, siteId?: string): Promise<{ alerts: AlertFact[]; complete: boolean }> {
    const site = siteId === undefined ? '' : ` AND "site" = ${quoteString(siteId)}`
    const series = await this.influx.query(
      `SELECT "alert_id" FROM "alert_events" WHERE "event" = 'opened'${site} AND time >= ${Math.floor(fromMs)}ms AND time < ${Math.floor(toMs)}ms ` +
        `GROUP BY "equipment", "equipment_type", "building", "rule", "site" ORDER BY time DESC LIMIT ${limit + 1}`
    )
    const alerts: AlertFact[] = []
    for (const { tags = {}, columns, values } of series) {
      const time = columns.indexOf('time')
      const alertId = columns.indexOf('alert_id')
      const equipmentType = tags.equipment_type ?? ''
      if (!isEquipmentType(equipmentType)) continue
      for (const row of values) {
        alerts.push({
          id: String(row[alertId]),
          equipmentId: tags.equipment ?? '',
          equipmentType,
          siteId: tags.site ?? '',
          buildingId: tags.building ?? '',
          ruleId: tags.rule ?? '',
          openedAt: new Date(row[time] as number).toISOString()
        })
      }
    }
    alerts.sort((a, b) => b.openedAt.localeCompare(a.openedAt))
    return { alerts: alerts.slice(0, limit), complete: alerts.length <= limit }
  }
}
