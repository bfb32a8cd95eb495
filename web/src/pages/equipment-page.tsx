import type { Alert, Equipment, HealthReport, List, MaintenancePlan, Rule, WorkOrder } from '../api-types.js'
import type { LiveEvent } from '../live-events.js'
import { useApiData, useSession } from '../session.js'
import type { HealthChange } from '../ui/health-band.js'
import { useSiteTimeZones } from '../ui/site-time-zones.js'
import { EquipmentHistory } from './equipment/equipment-history.js'
import { HealthPanel } from './equipment/health-panel.js'
import { MaintenancePlansPanel } from './equipment/maintenance-plans-panel.js'
import { MetricTrend } from './equipment/metric-trend.js'
import { QrLabel } from './equipment/qr-label.js'

/** One piece of equipment: its health and why, its trends with limits and forecast, its history, plans and QR sticker. */
export default function EquipmentPage({ id }: { id: string }) {
  const { t } = useSession()
  const base = `/api/v1/equipment/${encodeURIComponent(id)}`
  const aboutThis = (event: LiveEvent) => (event.data as { equipmentId?: string } | undefined)?.equipmentId === id
  const healthOfThis = (event: LiveEvent) => event.kind === 'health' && (event.data as { changes: HealthChange[] }).changes.some((change) => change.equipmentId === id)
  const { data: equipment, error } = useApiData<Equipment>(base)
  const health = useApiData<HealthReport>(`${base}/health`, healthOfThis)
  const alerts = useApiData<List<Alert>>(`/api/v1/alerts?equipmentId=${encodeURIComponent(id)}&limit=200`, (event) => event.kind === 'alert' && aboutThis(event))
  const workOrders = useApiData<List<WorkOrder>>(`/api/v1/work-orders?equipmentId=${encodeURIComponent(id)}&limit=100`, (event) => event.kind === 'work_order' && aboutThis(event))
  const plans = useApiData<List<MaintenancePlan>>(`/api/v1/maintenance-plans?equipmentId=${encodeURIComponent(id)}`)
  const rules = useApiData<List<Rule>>(`${base}/rules`)
  const zones = useSiteTimeZones()

  if (error !== undefined) return <p role="alert" className="error">{error}</p>
  if (equipment === undefined) return <p>{t('loading')}</p>
  const timeZone = zones.get(equipment.siteId)
  return (
    <article className="equipment-page">
      <h1>{equipment.name}</h1>
      <p className="hint">
        {t(`type_${equipment.type}`)} · {equipment.location} · {equipment.id}
        {timeZone === undefined ? null : ` · ${t('timesIn', { zone: timeZone })}`}
      </p>
      <div className="two-columns">
        <HealthPanel health={health.data} error={health.error} timeZone={timeZone} />
        <QrLabel equipment={equipment} />
      </div>
      {rules.data === undefined || alerts.data === undefined ? (
        <p>{t('loading')}</p>
      ) : (
        <MetricTrend key={equipment.id} equipment={equipment} health={health.data} alerts={alerts.data.items} rules={rules.data.items} timeZone={timeZone} />
      )}
      <EquipmentHistory alerts={alerts.data?.items ?? []} workOrders={workOrders.data?.items ?? []} timeZone={timeZone} />
      <MaintenancePlansPanel plans={plans.data?.items ?? []} timeZone={timeZone} />
    </article>
  )
}
