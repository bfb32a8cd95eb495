import type { WorkOrderStatus } from '../../api-types.js'
import type { MessageKey } from '../../i18n.js'
import { useSession } from '../../session.js'
import { formatTime } from '../../ui/format.js'

const AUDIT_ACTIONS = ['create', 'assign', 'accept', 'decline', 'start', 'resolve', 'close', 'cancel', 'reopen', 'note', 'check_in', 'photo', 'checklist', 'escalate', 'rate', 'alert_joined'] as const
type AuditAction = (typeof AUDIT_ACTIONS)[number]
const isAuditAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action)

export interface AuditEntry {
  at: string
  by: string
  action: string
  from: WorkOrderStatus
  to: WorkOrderStatus
  note?: string
}

/** The audit trail, oldest first: who did what, when, from which status to which. */
export function WorkOrderTimeline({ entries, timeZone }: { entries: readonly AuditEntry[]; timeZone: string | undefined }) {
  const { t, locale } = useSession()
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timelineTitle')}</h2>
      <ol className="timeline" data-testid="timeline">
        {entries.map((entry, index) => (
          <li key={`${entry.at}/${index}`} data-action={entry.action}>
            <time dateTime={entry.at}>{formatTime(entry.at, timeZone, locale)}</time> <strong>{isAuditAction(entry.action) ? t(`audit_${entry.action}` satisfies MessageKey) : entry.action}</strong> · {entry.by}
            {entry.from === entry.to ? '' : ` · ${t(`status_${entry.from}`)} → ${t(`status_${entry.to}`)}`}
            {entry.note === undefined ? null : <div className="hint">{entry.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  )
}
