import { useCallback, useState } from 'react'
import { FleetOverview } from './fleet-overview.js'
import { LOCALES, chooseLocale, translate } from './i18n.js'
import type { Locale } from './i18n.js'
import { SignIn } from './sign-in.js'

const TOKEN_KEY = 'vigil.token'
const LOCALE_KEY = 'vigil.locale'

/** The frame: sign-in, the language switch, and the page for the signed-in user. */
export function App() {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) as Locale | null) ?? chooseLocale(navigator.languages))
  // The token lives for the browser tab only.
  const [token, setToken] = useState<string | undefined>(() => sessionStorage.getItem(TOKEN_KEY) ?? undefined)
  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY)
    setToken(undefined)
  }, [])

  function changeLocale(next: Locale) {
    localStorage.setItem(LOCALE_KEY, next)
    document.documentElement.lang = next
    setLocale(next)
  }

  return (
    <>
      <header>
        <strong>{translate(locale, 'appName')}</strong>
        <label>
          {translate(locale, 'language')}{' '}
          <select value={locale} onChange={(event) => changeLocale(event.target.value as Locale)}>
            {LOCALES.map(({ locale: option, name }) => (
              <option key={option} value={option}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {token === undefined ? null : (
          <button type="button" onClick={signOut}>
            {translate(locale, 'signOut')}
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
      ) : (
        <main>
          <FleetOverview locale={locale} token={token} onSignInRequired={signOut} />
        </main>
      )}
    </>
  )
}
