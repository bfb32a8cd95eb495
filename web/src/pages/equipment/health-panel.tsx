import type { HealthReport } from '../../api-types.js'
import { useSession } from '../../session.js'
import { formatTime } from '../../ui/format.js'
import { bandOf } from '../../ui/health-band.js'

/** The health score, its band, and why it is not 100, worst first. */
export function HealthPanel({ health, error, timeZone }: { health: HealthReport | undefined; error: string | undefined; timeZone: string | undefined }) {
  const { t, locale } = useSession()
  if (health === undefined) return <p className="hint">{error ?? t('loading')}</p>
  const band = bandOf(health.score)
  return (
    <section aria-labelledby="health-heading" className={`card-panel band-${band}`} data-testid="health" data-band={band}>
      <h2 id="health-heading">
        {t('healthLabel')}: <span data-testid="health-score">{health.score}</span> / 100 <span className="band-name">({t(`band_${band}`)})</span>
      </h2>
      <p className="hint">{t('healthScoredAt', { at: formatTime(health.at, timeZone, locale) })}</p>
      {health.reasons.length === 0 ? (
        <p>{t('healthNoReasons')}</p>
      ) : (
        <ul className="reasons">
          {health.reasons.map((reason) => (
            <li key={`${reason.kind}/${reason.ruleId}`}>
              <strong>{t(`reason_${reason.kind}`)}</strong> — {reason.message} <span className="hint">({t('healthPenalty', { points: reason.penalty })})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
