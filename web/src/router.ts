import { useEffect, useState } from 'react'

/** The app's pages. Hash routes (`#/equipment/pump-1`) so the API serves one index.html for all. */
export type Route =
  | { page: 'overview' }
  | { page: 'equipment'; id: string }
  | { page: 'alerts' }
  | { page: 'work-orders' }
  | { page: 'work-order'; id: string }
  | { page: 'my-work' }
  | { page: 'analytics' }
  | { page: 'not-found' }
  | { page: 'home' }

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map(decodeURIComponent)
  const [first, second] = parts
  if (first === undefined) return { page: 'home' }
  if (first === 'overview' && second === undefined) return { page: 'overview' }
  if (first === 'equipment' && second !== undefined) return { page: 'equipment', id: second }
  if (first === 'alerts' && second === undefined) return { page: 'alerts' }
  if (first === 'work-orders' && second === undefined) return { page: 'work-orders' }
  if (first === 'work-orders' && second !== undefined) return { page: 'work-order', id: second }
  if (first === 'my-work' && second === undefined) return { page: 'my-work' }
  if (first === 'analytics' && second === undefined) return { page: 'analytics' }
  return { page: 'not-found' }
}

/** The link to a page: `<a href={hrefOf({ page: 'equipment', id })}>`. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'equipment':
    case 'work-order':
      return `#/${route.page === 'equipment' ? 'equipment' : 'work-orders'}/${encodeURIComponent(route.id)}`
    case 'home':
    case 'not-found':
      return '#/'
    default:
      return `#/${route.page}`
  }
}

/** The current route, following the address bar (back and forward included). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash))
    window.addEventListener('hashchange', follow)
    return () => window.removeEventListener('hashchange', follow)
  }, [])
  return route
}
