import type { MaintenancePlan } from '../../api-types.js'
import { useSession } from '../../session.js'
import { formatDate, formatValue } from '../../ui/format.js'

/** The equipment's maintenance plans and when each is next due. */
export function MaintenancePlansPanel({ plans, timeZone }: { plans: readonly MaintenancePlan[]; timeZone: string | undefined }) {
  const { t, locale } = useSession()
  return (
    <section aria-labelledby="plans-heading">
      <h2 id="plans-heading">{t('plansTitle')}</h2>
      {plans.length === 0 ? (
        <p>{t('noPlans')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colPlan')}</th>
              <th scope="col">{t('colEvery')}</th>
              <th scope="col">{t('colNextDue')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <tr key={plan.id}>
                <td>{plan.title}</td>
                <td>
                  {[
                    plan.calendar === undefined ? undefined : t(`every_${plan.calendar.unit}`, { n: plan.calendar.every }),
                    plan.meter === undefined ? undefined : t('everyMeter', { amount: formatValue(plan.meter.every, plan.meter.metric === 'trips_total' ? t('unitTrips') : 'h', locale) })
                  ]
                    .filter((part) => part !== undefined)
                    .join(` ${t('orWhicheverFirst')} `)}
                </td>
                <td>
                  {plan.next === undefined
                    ? '—'
                    : `${formatDate(plan.next.dueAt, timeZone, locale)} (${t(plan.next.by === 'meter' ? (plan.next.projected ? 'dueByMeterProjected' : 'dueByMeter') : 'dueByCalendar')})${plan.next.dueNow ? ` — ${t('dueNow')}` : ''}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
