import { useEffect, useState } from 'react'
import { ApiProblem, SignInRequired, apiGet } from './api-client.js'
import type { Locale, MessageKey } from './i18n.js'
import { translate } from './i18n.js'

interface Equipment {
  id: string
  name: string
  type: 'elevator' | 'pump' | 'fire_system'
  siteId: string
  location: string
}

/** Every piece of equipment the token may see, by site. */
export function FleetList({ locale, token, onSignInRequired }: { locale: Locale; token: string; onSignInRequired: () => void }) {
  const t = (key: MessageKey) => translate(locale, key)
  const [items, setItems] = useState<Equipment[] | undefined>()
  const [error, setError] = useState<string | undefined>()

  useEffect(() => {
    let current = true
    apiGet<{ items: Equipment[] }>('/api/v1/equipment', token)
      .then((body) => current && setItems(body.items))
      .catch((problem: unknown) => {
        if (problem instanceof SignInRequired) onSignInRequired()
        else if (current) setError(problem instanceof ApiProblem ? problem.message : String(problem))
      })
    return () => {
      current = false
    }
  }, [token, onSignInRequired])

  if (error !== undefined) return <p role="alert" className="error">{error}</p>
  if (items === undefined) return <p>{t('loading')}</p>
  if (items.length === 0) return <p>{t('empty')}</p>
  return (
    <section>
      <h1>{t('fleetTitle')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colType')}</th>
            <th scope="col">{t('colLocation')}</th>
            <th scope="col">{t('colSite')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((equipment) => (
            <tr key={equipment.id}>
              <td>{equipment.name}</td>
              <td>{t(`type_${equipment.type}`)}</td>
              <td>{equipment.location}</td>
              <td>{equipment.siteId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
