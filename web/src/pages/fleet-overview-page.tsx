import { memo, useEffect, useMemo, useState } from 'react'
import type { Translate } from '../i18n.js'
import type { LiveEvent } from '../live-events.js'
import { hrefOf } from '../router.js'
import { useApiData, useSession } from '../session.js'
import { FilterSelect } from '../ui/filter-select.js'
import { bandOf, BANDS } from '../ui/health-band.js'
import type { HealthChange } from '../ui/health-band.js'

type EquipmentType = 'elevator' | 'pump' | 'fire_system'

interface Tile {
  equipmentId: string
  name: string
  type: EquipmentType
  siteId: string
  buildingId: string
  location: string
  health: number | null
  openAlerts: number
  workOrders: { urgent: number; normal: number; low: number }
}
interface Overview {
  sites: { id: string; name: string; buildings: { id: string; name: string }[] }[]
  items: Tile[]
}

const TYPES: readonly EquipmentType[] = ['elevator', 'pump', 'fire_system']

/** Alerts and work orders change the counts: those reload the overview. Health scores are patched in place. */
const countsChanged = (event: LiveEvent) => event.kind === 'alert' || event.kind === 'work_order'

/** The manager's fleet at a glance: sites → buildings → equipment tiles coloured by health, updated live. */
export function FleetOverviewPage() {
  const { t, subscribe } = useSession()
  const { data: overview, error } = useApiData<Overview>('/api/v1/fleet/overview', countsChanged)
  const [scores, setScores] = useState(new Map<string, number>())
  const [site, setSite] = useState('')
  const [type, setType] = useState('')
  const [band, setBand] = useState('')

  // Health reports arrive every minute as changed scores: newer than the overview's, so they win until it reloads.
  useEffect(() => setScores(new Map()), [overview])
  useEffect(
    () =>
      subscribe((event) => {
        if (event.kind !== 'health') return
        const { changes } = event.data as { changes: HealthChange[] }
        setScores((previous) => {
          const next = new Map(previous)
          for (const change of changes) next.set(change.equipmentId, change.score)
          return next
        })
      }),
    [subscribe]
  )

  const tiles = useMemo(() => (overview?.items ?? []).map((tile) => (scores.has(tile.equipmentId) ? { ...tile, health: scores.get(tile.equipmentId) ?? null } : tile)), [overview, scores])
  const shown = useMemo(() => tiles.filter((tile) => (site === '' || tile.siteId === site) && (type === '' || tile.type === type) && (band === '' || bandOf(tile.health) === band)), [tiles, site, type, band])
  const groups = useMemo(() => {
    const byBuilding = new Map<string, Tile[]>()
    for (const tile of shown) {
      const key = `${tile.siteId}/${tile.buildingId}`
      const list = byBuilding.get(key)
      if (list === undefined) byBuilding.set(key, [tile])
      else list.push(tile)
    }
    return byBuilding
  }, [shown])

  if (error !== undefined) return <p role="alert" className="error">{error}</p>
  if (overview === undefined) return <p>{t('loading')}</p>
  return (
    <section>
      <h1>{t('overviewTitle')}</h1>
      <div className="filters">
        <FilterSelect label={t('filterSite')} value={site} onChange={setSite} options={[['', t('all')], ...overview.sites.map((option) => [option.id, option.name] as const)]} />
        <FilterSelect label={t('filterType')} value={type} onChange={setType} options={[['', t('all')], ...TYPES.map((option) => [option, t(`type_${option}`)] as const)]} />
        <FilterSelect label={t('filterHealth')} value={band} onChange={setBand} options={[['', t('all')], ...BANDS.map((option) => [option, t(`band_${option}`)] as const)]} />
        <p className="hint" aria-live="polite">
          {t('shownCount', { shown: shown.length, total: tiles.length })}
        </p>
      </div>
      {tiles.length === 0 ? <p>{t('emptyFleet')}</p> : null}
      <NeedsAttention tiles={tiles} t={t} />
      {overview.sites.map((siteGroup) =>
        siteGroup.buildings.map((building) => {
          const list = groups.get(`${siteGroup.id}/${building.id}`)
          if (list === undefined) return null
          return (
            <section key={`${siteGroup.id}/${building.id}`} aria-label={`${siteGroup.name} · ${building.name}`}>
              <h2>
                {siteGroup.name} · {building.name}
              </h2>
              <ul className="tiles">
                {list.map((tile) => (
                  <EquipmentTile key={tile.equipmentId} tile={tile} t={t} />
                ))}
              </ul>
            </section>
          )
        })
      )}
    </section>
  )
}

/** The worst first, before the grid: what a manager opening the page came to find. */
function NeedsAttention({ tiles, t }: { tiles: readonly Tile[]; t: Translate }) {
  const worst = tiles.filter((tile) => tile.health !== null && tile.health < 80).sort((a, b) => (a.health ?? 0) - (b.health ?? 0))
  return (
    <section aria-labelledby="attention-heading" className="attention">
      <h2 id="attention-heading">{t('needsAttention', { count: worst.length })}</h2>
      {worst.length === 0 ? (
        <p className="hint">{t('allHealthy')}</p>
      ) : (
        <ul data-testid="needs-attention">
          {worst.slice(0, 10).map((tile) => (
            <li key={tile.equipmentId} className={`band-${bandOf(tile.health)}`}>
              <a href={hrefOf({ page: 'equipment', id: tile.equipmentId })}>{tile.name}</a> — {t('healthLabel')} {Math.round(tile.health ?? 0)} / 100 ({t(`band_${bandOf(tile.health)}`)})
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** One tile; memoised so a health change repaints only the tiles it changed (1,000 tiles, no jank). */
const EquipmentTile = memo(function EquipmentTile({ tile, t }: { tile: Tile; t: Translate }) {
  const band = bandOf(tile.health)
  return (
    <li className={`tile band-${band}`} data-equipment={tile.equipmentId} data-band={band}>
      <a href={hrefOf({ page: 'equipment', id: tile.equipmentId })}>{tile.name}</a>
      <span className="tile-type">
        {t(`type_${tile.type}`)} · {tile.location}
      </span>
      <span>
        {t('healthLabel')}: {tile.health === null ? '—' : `${Math.round(tile.health)} / 100`} <span className="band-name">({t(`band_${band}`)})</span>
      </span>
      <span data-testid="alerts">
        {t('openAlerts')}: {tile.openAlerts}
      </span>
      <span data-testid="work-orders">
        {t('workOrdersLabel')}: {tile.workOrders.urgent} {t('priority_urgent')} · {tile.workOrders.normal} {t('priority_normal')} · {tile.workOrders.low} {t('priority_low')}
      </span>
    </li>
  )
})
