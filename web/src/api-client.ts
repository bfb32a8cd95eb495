/** The API said the token is not (or no longer) good: the user signs in again. */
export class SignInRequired extends Error {}

/** A problem+json answer, its detail shown to the user as the API wrote it. */
export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
  }
}

async function answerOf<T>(response: Response): Promise<T> {
  if (response.status === 401) throw new SignInRequired('the token is not valid')
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string }
    throw new ApiProblem(problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`, response.status)
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** GET from the API of the same origin with the user's token. */
export async function apiGet<T>(path: string, token: string): Promise<T> {
  return answerOf<T>(await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }))
}

/** POST/PATCH/PUT/DELETE a JSON body (or a FormData, sent as multipart) with the user's token. */
export async function apiSend<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, token: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  return answerOf<T>(await fetch(path, { method, headers, body: payload }))
}

/** A query string from the set values of `params` (`?a=1&b=x`, or '' when none is set). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value))
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}
