import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiProblem, SignInRequired, apiGet, apiSend } from './api-client.js'
import type { Locale, Translate } from './i18n.js'
import { translator } from './i18n.js'
import type { LiveEvent } from './live-events.js'
import { followLiveEvents } from './live-events.js'

export type Role = 'admin' | 'manager' | 'engineer' | 'requester' | 'service'
export interface Principal {
  name: string
  role: Role
  engineerId?: string
}

/** What every page of a signed-in user needs: who, which language, the API, and the live stream. */
export interface Session {
  token: string
  principal: Principal
  locale: Locale
  t: Translate
  signOut: () => void
  /** Calls `listener` with each live event until the returned function is called. */
  subscribe: (listener: (event: LiveEvent) => void) => () => void
}

const SessionContext = createContext<Session | undefined>(undefined)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (session === undefined) throw new Error('useSession outside a signed-in frame')
  return session
}

/** The stream's `reconnect` pseudo-event: state may have changed while it was away. */
export const RECONNECTED = 'reconnect'

export function SessionProvider({ token, principal, locale, signOut, children }: { token: string; principal: Principal; locale: Locale; signOut: () => void; children: ReactNode }) {
  const listeners = useRef(new Set<(event: LiveEvent) => void>())
  useEffect(() => {
    const emit = (event: LiveEvent) => {
      for (const listener of listeners.current) listener(event)
    }
    return followLiveEvents(token, emit, signOut, () => emit({ kind: RECONNECTED, data: undefined }))
  }, [token, signOut])
  const subscribe = useCallback((listener: (event: LiveEvent) => void) => {
    listeners.current.add(listener)
    return () => void listeners.current.delete(listener)
  }, [])
  // One session object while nothing in it changes: memoised pages (1,000 tiles) then skip re-rendering.
  const session = useMemo<Session>(() => ({ token, principal, locale, t: translator(locale), signOut, subscribe }), [token, principal, locale, signOut, subscribe])
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

/** The message to show for a failed call; a lost sign-in signs out instead. */
export function problemMessage(problem: unknown, signOut: () => void): string | undefined {
  if (problem instanceof SignInRequired) {
    signOut()
    return undefined
  }
  return problem instanceof ApiProblem || problem instanceof Error ? problem.message : String(problem)
}

/**
 * Data from one API path, loaded again when `reloadOn` says a live event concerns it (debounced:
 * a burst is one load). `path` undefined loads nothing.
 */
export function useApiData<T>(path: string | undefined, reloadOn: (event: LiveEvent) => boolean = () => false): { data: T | undefined; error: string | undefined; reload: () => void } {
  const { token, signOut, subscribe } = useSession()
  const [data, setData] = useState<T | undefined>()
  const [error, setError] = useState<string | undefined>()
  const reloadOnRef = useRef(reloadOn)
  reloadOnRef.current = reloadOn
  // Only the newest request's answer is shown: a slow answer for a path no longer asked for is dropped.
  const latest = useRef(0)
  const load = useCallback(() => {
    if (path === undefined) return
    const request = ++latest.current
    apiGet<T>(path, token)
      .then((answer) => {
        if (request !== latest.current) return
        setData(answer)
        setError(undefined)
      })
      .catch((problem: unknown) => {
        if (request === latest.current) setError(problemMessage(problem, signOut))
      })
  }, [path, token, signOut])
  useEffect(() => {
    load()
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = subscribe((event) => {
      if (event.kind !== RECONNECTED && !reloadOnRef.current(event)) return
      clearTimeout(timer)
      timer = setTimeout(load, 200)
    })
    return () => {
      stop()
      clearTimeout(timer)
    }
  }, [load, subscribe])
  return { data, error, reload: load }
}

/** Runs an API action, reporting its problem+json message (a 409 names the allowed moves). */
export function useApiAction(): { run: <T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<T | undefined>; error: string | undefined; busy: boolean; clear: () => void } {
  const { token, signOut } = useSession()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const run = useCallback(
    async <T,>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T | undefined> => {
      setBusy(true)
      setError(undefined)
      try {
        return await apiSend<T>(method, path, token, body)
      } catch (problem) {
        setError(problemMessage(problem, signOut))
        return undefined
      } finally {
        setBusy(false)
      }
    },
    [token, signOut]
  )
  return { run, error, busy, clear: () => setError(undefined) }
}
