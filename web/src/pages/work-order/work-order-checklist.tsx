import { useState } from 'react'
import type { ChecklistItem, WorkOrder } from '../../api-types.js'
import { useApiAction, useSession } from '../../session.js'
import { formatValue } from '../../ui/format.js'
import { ProblemMessage } from '../../ui/problem-message.js'

/** The inspection steps: pass/fail with two big buttons, values typed with their unit and limits. */
export function WorkOrderChecklist({ workOrder, canRecord, onChanged }: { workOrder: WorkOrder; canRecord: boolean; onChanged: (changed: WorkOrder) => void }) {
  const { t } = useSession()
  const { run, error, busy } = useApiAction()
  const steps = workOrder.checklist ?? []
  if (steps.length === 0) return null
  async function record(step: ChecklistItem, body: { passed?: boolean; value?: number }) {
    const changed = await run<WorkOrder>('PUT', `/api/v1/work-orders/${encodeURIComponent(workOrder.id)}/checklist/${encodeURIComponent(step.id)}`, body)
    if (changed !== undefined) onChanged(changed)
  }
  const done = steps.filter((step) => step.result !== undefined).length
  return (
    <section aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{t('checklistTitle', { done, total: steps.length })}</h2>
      <ol className="checklist">
        {steps.map((step) => (
          <ChecklistStep key={step.id} step={step} canRecord={canRecord} busy={busy} onRecord={(body) => void record(step, body)} />
        ))}
      </ol>
      <ProblemMessage error={error} />
    </section>
  )
}

function ChecklistStep({ step, canRecord, busy, onRecord }: { step: ChecklistItem; canRecord: boolean; busy: boolean; onRecord: (body: { passed?: boolean; value?: number }) => void }) {
  const { t, locale } = useSession()
  const [value, setValue] = useState(step.result?.value === undefined ? '' : String(step.result.value))
  const result = step.result
  const limits = [step.min === undefined ? undefined : `≥ ${formatValue(step.min, step.unit ?? '', locale)}`, step.max === undefined ? undefined : `≤ ${formatValue(step.max, step.unit ?? '', locale)}`].filter((part) => part !== undefined).join(', ')
  const inputId = `step-${step.id}`
  return (
    <li data-step={step.id} data-result={result === undefined ? 'none' : result.passed ? 'passed' : 'failed'}>
      <span className="step-label" id={`${inputId}-label`}>
        {step.label}
      </span>
      {result === undefined ? null : (
        <span className={result.passed ? 'ok' : 'error'}>
          {result.passed ? t('stepPassed') : t('stepFailed')}
          {result.value === undefined ? '' : ` (${formatValue(result.value, step.unit ?? '', locale)})`}
        </span>
      )}
      {!canRecord ? null : step.kind === 'pass_fail' ? (
        <span className="step-buttons" role="group" aria-labelledby={`${inputId}-label`}>
          <button type="button" className="big" onClick={() => onRecord({ passed: true })} disabled={busy}>
            {t('pass')}
          </button>
          <button type="button" className="big secondary" onClick={() => onRecord({ passed: false })} disabled={busy}>
            {t('fail')}
          </button>
        </span>
      ) : (
        <span className="step-buttons">
          <label htmlFor={inputId} className="visually-hidden">
            {t('measuredValue', { step: step.label, unit: step.unit ?? '' })}
          </label>
          <input id={inputId} type="number" inputMode="decimal" step="any" value={value} onChange={(event) => setValue(event.target.value)} aria-describedby={`${inputId}-limits`} />
          <span className="hint" id={`${inputId}-limits`}>
            {step.unit ?? ''} {limits === '' ? '' : `(${limits})`}
          </span>
          <button type="button" className="big" onClick={() => onRecord({ value: Number(value) })} disabled={busy || value.trim() === '' || !Number.isFinite(Number(value))}>
            {t('recordValue')}
          </button>
        </span>
      )}
    </li>
  )
}
