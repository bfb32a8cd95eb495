/** An API problem's message where the user is looking (announced to screen readers); nothing when there is none. */
export function ProblemMessage({ error, testId }: { error: string | undefined; testId?: string }) {
  if (error === undefined) return null
  return (
    <p role="alert" className="error" data-testid={testId}>
      {error}
    </p>
  )
}
