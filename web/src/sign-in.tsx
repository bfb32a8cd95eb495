import { useState } from 'react'
import type { FormEvent } from 'react'
import { SignInRequired, apiGet } from './api-client.js'
import type { Locale } from './i18n.js'
import { translate } from './i18n.js'

/** Sign-in with an API token: checked against the API before it is kept. */
export function SignIn({ locale, onSignedIn }: { locale: Locale; onSignedIn: (token: string) => void }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key)
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await apiGet('/api/v1/equipment', token.trim())
      onSignedIn(token.trim())
    } catch (problem) {
      setError(problem instanceof SignInRequired ? t('badToken') : String((problem as Error).message))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="card">
      <h1>{t('signInTitle')}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="token">{t('tokenLabel')}</label>
        <input id="token" type="password" autoComplete="current-password" value={token} onChange={(event) => setToken(event.target.value)} required aria-describedby="token-hint" />
        <p id="token-hint" className="hint">{t('tokenHint')}</p>
        {error === undefined ? null : <p role="alert" className="error">{error}</p>}
        <button type="submit" disabled={busy}>{t('signIn')}</button>
      </form>
    </main>
  )
}
