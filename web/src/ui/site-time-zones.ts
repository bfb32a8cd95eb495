import { useEffect, useState } from 'react'
import { apiGet } from '../api-client.js'
import { useSession } from '../session.js'

let cached: Promise<Map<string, string>> | undefined

/** Each site's IANA time zone (sites rarely change: loaded once per page load). */
export function useSiteTimeZones(): Map<string, string> {
  const { token } = useSession()
  const [zones, setZones] = useState(new Map<string, string>())
  useEffect(() => {
    cached ??= apiGet<{ items: { id: string; timezone: string }[] }>('/api/v1/sites', token).then((answer) => new Map(answer.items.map((site) => [site.id, site.timezone])))
    cached.then(setZones).catch(() => {
      cached = undefined
    })
  }, [token])
  return zones
}
