/** The API said the token is not (or no longer) good: the user signs in again. */
export class SignInRequired extends Error {}

/** A problem+json answer, its detail shown to the user as the API wrote it. */
export class ApiProblem extends Error {}

/** GET from the API of the same origin with the user's token. */
export async function apiGet<T>(path: string, token: string): Promise<T> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })
  if (response.status === 401) throw new SignInRequired('the token is not valid')
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string }
    throw new ApiProblem(problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`)
  }
  return (await response.json()) as T
}
