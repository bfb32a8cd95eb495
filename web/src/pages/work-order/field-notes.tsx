import { useState } from 'react'
import type { FormEvent } from 'react'
import type { WorkOrder } from '../../api-types.js'
import { useApiAction, useSession } from '../../session.js'
import { ProblemMessage } from '../../ui/problem-message.js'

/** Add a progress note (it goes into the timeline). */
export function FieldNotes({ workOrder, onChanged }: { workOrder: WorkOrder; onChanged: (changed: WorkOrder) => void }) {
  const { t } = useSession()
  const { run, error, busy } = useApiAction()
  const [note, setNote] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    const changed = await run<WorkOrder>('POST', `/api/v1/work-orders/${encodeURIComponent(workOrder.id)}/notes`, { note: note.trim() })
    if (changed !== undefined) {
      setNote('')
      onChanged(changed)
    }
  }
  return (
    <form onSubmit={(event) => void submit(event)} className="inline-form" aria-labelledby="note-heading">
      <h2 id="note-heading">{t('notesTitle')}</h2>
      <label>
        {t('noteLabel')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} maxLength={4000} rows={3} required />
      </label>
      <button type="submit" disabled={busy || note.trim() === ''}>
        {t('addNote')}
      </button>
      <ProblemMessage error={error} />
    </form>
  )
}
