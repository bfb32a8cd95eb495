import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiProblem, SignInRequired, apiGet } from './api-client.js'
import type { Locale, MessageKey } from './i18n.js'
import { translate } from './i18n.js'
import { followLiveEvents } from './live-events.js'

type EquipmentType = 'elevator' | 'pump' | 'fire_system'
type Band = 'critical' | 'warning' | 'good' | 'unknown'

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
const BANDS: readonly Band[] = ['critical', 'warning', 'good', 'unknown']

/** Health bands: below 50 needs attention now, below 80 soon. */
export function bandOf(health: number | null): Band {
  if (health === null) return 'unknown'
  return health < 50 ? 'critical' : health < 80 ? 'warning' : 'good'
}

/** The manager's fleet at a glance: sites → buildings → equipment tiles coloured by health, updated live. */
export function FleetOverview({ locale, token, onSignInRequired }: { locale: Locale; token: string; onSignInRequired: () => void }) {
  const t = (key: MessageKey) => translate(locale, key)
  const [overview, setOverview] = useState<Overview | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [site, setSite] = useState('')
  const [type, setType] = useState('')
  const [band, setBand] = useState('')
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const load = useCallback(() => {
    apiGet<Overview>('/api/v1/fleet/overview', token)
      .then(setOverview)
      .catch((problem: unknown) => {
        if (problem instanceof SignInRequired) onSignInRequired()
        else setError(problem instanceof ApiProblem ? problem.message : String(problem))
      })
  }, [token, onSignInRequired])

  useEffect(() => {
    load()
    // Changes arrive on the live stream; a burst of them is one reload.
    const stop = followLiveEvents(
      token,
      () => {
        clearTimeout(refresh.current)
        refresh.current = setTimeout(load, 250)
      },
      onSignInRequired
    )
    return () => {
      stop()
      clearTimeout(refresh.current)
    }
  }, [token, load, onSignInRequired])

  const shown = useMemo(
    () => (overview?.items ?? []).filter((tile) => (site === '' || tile.siteId === site) && (type === '' || tile.type === type) && (band === '' || bandOf(tile.health) === band)),
    [overview, site, type, band]
  )

  if (error !== undefined) return <p role="alert" className="error">{error}</p>
  if (overview === undefined) return <p>{t('loading')}</p>
  return (
    <section>
      <h1>{t('overviewTitle')}</h1>
      <div className="filters">
        <label>
          {t('filterSite')}
          <select value={site} onChange={(event) => setSite(event.target.value)}>
            <option value="">{t('all')}</option>
            {overview.sites.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterType')}
          <select value={type} onChange={(event) => setType(event.target.value)}>
            <option value="">{t('all')}</option>
            {TYPES.map((option) => (
              <option key={option} value={option}>
                {t(`type_${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterHealth')}
          <select value={band} onChange={(event) => setBand(event.target.value)}>
            <option value="">{t('all')}</option>
            {BANDS.map((option) => (
              <option key={option} value={option}>
                {t(`band_${option}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {overview.sites.map((siteGroup) =>
        siteGroup.buildings.map((building) => {
          const tiles = shown.filter((tile) => tile.siteId === siteGroup.id && tile.buildingId === building.id)
          if (tiles.length === 0) return null
          return (
            <section key={`${siteGroup.id}/${building.id}`} aria-label={`${siteGroup.name} · ${building.name}`}>
              <h2>
                {siteGroup.name} · {building.name}
              </h2>
              <ul className="tiles">
                {tiles.map((tile) => (
                  <li key={tile.equipmentId} className={`tile band-${bandOf(tile.health)}`} data-equipment={tile.equipmentId} data-band={bandOf(tile.health)}>
                    <strong>{tile.name}</strong>
                    <span className="tile-type">{t(`type_${tile.type}`)}</span>
                    <span>
                      {t('healthLabel')}: {tile.health === null ? '—' : `${Math.round(tile.health)} / 100`}
                    </span>
                    <span data-testid="alerts">
                      {t('openAlerts')}: {tile.openAlerts}
                    </span>
                    <span data-testid="work-orders">
                      {t('workOrdersLabel')}: {tile.workOrders.urgent} {t('priority_urgent')} · {tile.workOrders.normal} {t('priority_normal')} · {tile.workOrders.low} {t('priority_low')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )
        })
      )}
    </section>
  )
}
