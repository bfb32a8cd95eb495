import type { Locale, MessageKey } from './i18n.js'
import { translate } from './i18n.js'
import { hrefOf } from './router.js'
import type { Route } from './router.js'
import type { Role } from './session.js'

type Link = { route: Route; label: MessageKey }

const FLEET: Link = { route: { page: 'overview' }, label: 'navOverview' }
const ALERTS: Link = { route: { page: 'alerts' }, label: 'navAlerts' }
const WORK_ORDERS: Link = { route: { page: 'work-orders' }, label: 'navWorkOrders' }
const MY_WORK: Link = { route: { page: 'my-work' }, label: 'navMyWork' }
const ANALYTICS: Link = { route: { page: 'analytics' }, label: 'navAnalytics' }

/** The pages each role works with, in the order they use them. */
export function linksFor(role: Role): Link[] {
  switch (role) {
    case 'engineer':
      return [MY_WORK, FLEET, ALERTS]
    case 'admin':
    case 'manager':
      return [FLEET, ALERTS, WORK_ORDERS, ANALYTICS]
    case 'service':
      return [FLEET, ALERTS, WORK_ORDERS]
    default:
      return []
  }
}

export function Navigation({ locale, role, route }: { locale: Locale; role: Role; route: Route }) {
  return (
    <nav aria-label={translate(locale, 'mainNavigation')}>
      {linksFor(role).map((link) => (
        <a key={link.label} href={hrefOf(link.route)} aria-current={link.route.page === route.page ? 'page' : undefined}>
          {translate(locale, link.label)}
        </a>
      ))}
    </nav>
  )
}
