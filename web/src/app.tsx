import { Suspense, lazy, useCallback, useEffect, useState } from 'react'
import { SignInRequired, apiGet, apiSend } from './api-client.js'
import { LOCALES, chooseLocale, translator } from './i18n.js'
import type { Locale } from './i18n.js'
import { Navigation } from './navigation.js'
import { FleetOverviewPage } from './pages/fleet-overview-page.js'
import { MyWorkPage } from './pages/my-work-page.js'
import { AlertsPage } from './pages/alerts-page.js'
import { WorkOrdersPage } from './pages/work-orders-page.js'
import { WorkOrderPage } from './pages/work-order-page.js'
import { hrefOf, useRoute } from './router.js'
import type { Route } from './router.js'
import { SessionProvider, useSession } from './session.js'
import type { Principal } from './session.js'
import { SignIn } from './sign-in.js'

// Pages with charts load ECharts with them, not with the first page.
const EquipmentPage = lazy(() => import('./pages/equipment-page.js'))
const AnalyticsPage = lazy(() => import('./pages/analytics-page.js'))

const TOKEN_KEY = 'vigil.token'
const LOCALE_KEY = 'vigil.locale'

/** The frame: sign-in, the language switch, navigation, and the page the address names. */
export function App() {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) as Locale | null) ?? chooseLocale(navigator.languages))
  // The token lives for the browser tab only.
  const [token, setToken] = useState<string | undefined>(() => sessionStorage.getItem(TOKEN_KEY) ?? undefined)
  const [principal, setPrincipal] = useState<Principal | undefined>()
  const [error, setError] = useState<string | undefined>()
  const route = useRoute()
  const t = translator(locale)

  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY)
    setToken(undefined)
    setPrincipal(undefined)
  }, [])
  /** Signing out ends the session on the server too: the token stops working at once, wherever it was copied. */
  const signOutEverywhere = useCallback(() => {
    if (token !== undefined) void apiSend('DELETE', '/api/v1/sessions/current', token).catch(() => undefined)
    signOut()
  }, [token, signOut])

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  useEffect(() => {
    if (token === undefined) return
    apiGet<Principal>('/api/v1/me', token)
      .then(setPrincipal)
      .catch((problem: unknown) => (problem instanceof SignInRequired ? signOut() : setError((problem as Error).message)))
  }, [token, signOut])

  function changeLocale(next: Locale) {
    localStorage.setItem(LOCALE_KEY, next)
    setLocale(next)
  }

  return (
    <>
      <header>
        <a className="brand" href="#/">
          {t('appName')}
        </a>
        {principal === undefined ? null : <Navigation locale={locale} role={principal.role} route={route.page === 'home' ? homeOf(principal.role) : route} />}
        <label className="language">
          {t('language')}{' '}
          <select value={locale} onChange={(event) => changeLocale(event.target.value as Locale)}>
            {LOCALES.map(({ locale: option, name }) => (
              <option key={option} value={option}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {token === undefined ? null : (
          <button type="button" onClick={signOutEverywhere}>
            {t('signOut')}
          </button>
        )}
      </header>
      {token === undefined ? (
        <SignIn
          locale={locale}
          onSignedIn={(signedIn) => {
            sessionStorage.setItem(TOKEN_KEY, signedIn)
            setToken(signedIn)
          }}
        />
      ) : principal === undefined ? (
        <main>{error === undefined ? <p>{t('loading')}</p> : <p role="alert" className="error">{error}</p>}</main>
      ) : (
        <SessionProvider token={token} principal={principal} locale={locale} signOut={signOut}>
          <main>
            <Suspense fallback={<p>{t('loading')}</p>}>
              <Page route={route} role={principal.role} notFound={t('notFound')} back={t('backToStart')} />
            </Suspense>
          </main>
        </SessionProvider>
      )}
    </>
  )
}

/** The start page by role: engineers start with their own work, everyone else with the fleet. */
export function homeOf(role: Principal['role']): Route {
  return role === 'engineer' ? { page: 'my-work' } : { page: 'overview' }
}

function Page({ route, role, notFound, back }: { route: Route; role: Principal['role']; notFound: string; back: string }) {
  if (role === 'requester') return <RequesterNotice />
  const shown = route.page === 'home' ? homeOf(role) : route
  switch (shown.page) {
    case 'overview':
      return <FleetOverviewPage />
    case 'equipment':
      return <EquipmentPage id={shown.id} />
    case 'alerts':
      return <AlertsPage />
    case 'work-orders':
      return <WorkOrdersPage />
    case 'work-order':
      return <WorkOrderPage id={shown.id} />
    case 'my-work':
      return <MyWorkPage />
    case 'analytics':
      return <AnalyticsPage />
    default:
      return (
        <section>
          <h1>{notFound}</h1>
          <a href={hrefOf({ page: 'home' })}>{back}</a>
        </section>
      )
  }
}

/** A requester token (a front desk reporting faults) has no staff pages: say where their work happens. */
function RequesterNotice() {
  const t = useSession().t
  return (
    <section>
      <h1>{t('requesterTitle')}</h1>
      <p>{t('requesterText')}</p>
    </section>
  )
}
