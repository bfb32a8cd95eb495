import { describe, expect, it } from 'vitest'
import { checklistGaps, recordChecklistEntry } from '../../../../core/maintenance/checklist.js'
import type { ChecklistItemSpec } from '../../../../core/maintenance/checklist.js'
import { CHECKLIST_TEMPLATES } from '../../../../core/maintenance/checklist-templates.js'

const AT = '2026-12-01T08:00:00.000Z'
const PRESSURE: ChecklistItemSpec = { id: 'churn-pressure', label: 'Churn pressure', kind: 'value', unit: 'bar', min: 6, max: 12, photoRequired: true }
const START: ChecklistItemSpec = { id: 'auto-start', label: 'Auto start', kind: 'pass_fail' }

describe('recordChecklistEntry', () => {
  it('passes a value inside its limits and fails one outside, with the photo the step needs', () => {
    expect(recordChecklistEntry(PRESSURE, { value: 8.4, photoId: 'ph_1' }, ['ph_1'], AT, 'li')).toEqual({ ok: true, item: { ...PRESSURE, result: { passed: true, value: 8.4, photoId: 'ph_1', at: AT, by: 'li' } } })
    expect(recordChecklistEntry(PRESSURE, { value: 5.9, photoId: 'ph_1' }, ['ph_1'], AT, 'li')).toMatchObject({ ok: true, item: { result: { passed: false, value: 5.9 } } })
  })

  it('names what is missing or wrong', () => {
    expect(recordChecklistEntry(PRESSURE, { value: 8 }, [], AT, 'li')).toMatchObject({ ok: false, field: 'photoId' })
    expect(recordChecklistEntry(PRESSURE, { value: 8, photoId: 'ph_9' }, ['ph_1'], AT, 'li')).toMatchObject({ ok: false, field: 'photoId', message: expect.stringContaining('not on this work order') as unknown })
    expect(recordChecklistEntry(PRESSURE, { passed: true }, [], AT, 'li')).toMatchObject({ ok: false, field: 'value' })
    expect(recordChecklistEntry(START, {}, [], AT, 'li')).toMatchObject({ ok: false, field: 'passed' })
    expect(recordChecklistEntry(START, { passed: false, note: 'needed a manual start' }, [], AT, 'li')).toMatchObject({ ok: true, item: { result: { passed: false, note: 'needed a manual start' } } })
  })

  it('counts a step without a result as a gap, a failed one as done', () => {
    const failed = { ...START, result: { passed: false, at: AT, by: 'li' } }
    expect(checklistGaps([failed, PRESSURE]).map((item) => item.id)).toEqual(['churn-pressure'])
    expect(checklistGaps(undefined)).toEqual([])
  })

  it('ships templates with unique step ids', () => {
    for (const template of CHECKLIST_TEMPLATES) expect(new Set(template.items.map((item) => item.id)).size).toBe(template.items.length)
    expect(CHECKLIST_TEMPLATES.map((template) => template.id)).toEqual(expect.arrayContaining(['elevator-annual-inspection', 'fire-pump-monthly-test']))
  })
})
