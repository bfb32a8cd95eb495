import { useState } from 'react'
import type { FormEvent } from 'react'
import { SignInRequired, apiGet } from './api-client.js'
import type { Locale } from './i18n.js'
import { translator } from './i18n.js'

type Mode = 'password' | 'token'

/**
 * Sign-in with a username and password (the API answers a token for the account), or with an API
 * token an administrator gave, checked against the API before it is kept. Either way the frame
 * keeps a token.
 */
export function SignIn({ locale, onSignedIn }: { locale: Locale; onSignedIn: (token: string) => void }) {
  const t = translator(locale)
  const [mode, setMode] = useState<Mode>('password')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function attempt(signIn: () => Promise<string>) {
    setBusy(true)
    setError(undefined)
    try {
      onSignedIn(await signIn())
    } catch (problem) {
      setError((problem as Error).message)
    } finally {
      setBusy(false)
    }
  }

  async function withPassword(): Promise<string> {
    const response = await fetch('/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: username.trim(), password })
    })
    if (response.status === 201) return ((await response.json()) as { token: string }).token
    if (response.status === 401) throw new Error(t('badPassword'))
    if (response.status === 429) throw new Error(t('tooManySignIns', { minutes: Math.max(1, Math.ceil(Number(response.headers.get('retry-after') ?? '60') / 60)) }))
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string }
    throw new Error(problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`)
  }

  async function withToken(): Promise<string> {
    try {
      await apiGet('/api/v1/equipment', token.trim())
      return token.trim()
    } catch (problem) {
      throw problem instanceof SignInRequired ? new Error(t('badToken')) : problem
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    void attempt(mode === 'password' ? withPassword : withToken)
  }

  function switchTo(next: Mode) {
    setError(undefined)
    setMode(next)
  }

  return (
    <main className="card">
      <h1>{t('signInTitle')}</h1>
      <form onSubmit={submit}>
        {mode === 'password' ? (
          <>
            <p>
              <label htmlFor="username">{t('usernameLabel')}</label>
              <input id="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(event) => setUsername(event.target.value)} required />
            </p>
            <p>
              <label htmlFor="password">{t('passwordLabel')}</label>
              <input id="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
            </p>
          </>
        ) : (
          <>
            <label htmlFor="token">{t('tokenLabel')}</label>
            <input id="token" type="password" autoComplete="current-password" value={token} onChange={(event) => setToken(event.target.value)} required aria-describedby="token-hint" />
            <p id="token-hint" className="hint">{t('tokenHint')}</p>
          </>
        )}
        {error === undefined ? null : <p role="alert" className="error">{error}</p>}
        <button type="submit" disabled={busy}>{t('signIn')}</button>
      </form>
      <p>
        <button type="button" className="secondary" onClick={() => switchTo(mode === 'password' ? 'token' : 'password')}>
          {mode === 'password' ? t('useTokenInstead') : t('usePasswordInstead')}
        </button>
      </p>
    </main>
  )
}
