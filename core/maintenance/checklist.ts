/** What one inspection step asks for: a pass or fail, or a measured value (within limits, if given). */
export interface ChecklistItemSpec {
  id: string
  label: string
  kind: 'pass_fail' | 'value'
  /** For a value: its unit, and the range it must fall in to pass. */
  unit?: string
  min?: number
  max?: number
  /** The engineer must attach a photo of this step (a gauge, a tag, the certificate). */
  photoRequired?: boolean
}

/** What the engineer recorded for one step. */
export interface ChecklistResult {
  passed: boolean
  value?: number
  /** One of the work order's photos. */
  photoId?: string
  note?: string
  at: string
  by: string
}

export interface ChecklistItem extends ChecklistItemSpec {
  result?: ChecklistResult
}

/** What the engineer sends for a step. */
export interface ChecklistEntry {
  passed?: boolean | undefined
  value?: number | undefined
  photoId?: string | undefined
  note?: string | undefined
}

export type ChecklistRecording = { ok: true; item: ChecklistItem } | { ok: false; field: string; message: string }

/**
 * The step with `entry` recorded, or what is wrong with the entry, naming the field. A value
 * step passes when the value is within its limits; a step that needs a photo needs one of the
 * work order's photos. Pure.
 */
export function recordChecklistEntry(item: ChecklistItemSpec, entry: ChecklistEntry, photoIds: readonly string[], at: string, by: string): ChecklistRecording {
  let passed: boolean
  if (item.kind === 'pass_fail') {
    if (entry.passed === undefined) return { ok: false, field: 'passed', message: `step ${item.id} is pass or fail: send passed true or false` }
    if (entry.value !== undefined) return { ok: false, field: 'value', message: `step ${item.id} takes no value; send passed` }
    passed = entry.passed
  } else {
    if (entry.value === undefined) return { ok: false, field: 'value', message: `step ${item.id} needs the measured value${item.unit === undefined ? '' : ` in ${item.unit}`}` }
    if (entry.passed !== undefined) return { ok: false, field: 'passed', message: `step ${item.id} passes or fails by its limits; send only the value` }
    passed = (item.min === undefined || entry.value >= item.min) && (item.max === undefined || entry.value <= item.max)
  }
  if (entry.photoId !== undefined && !photoIds.includes(entry.photoId)) {
    return { ok: false, field: 'photoId', message: `photo ${entry.photoId} is not on this work order; upload it first (POST /api/v1/work-orders/{id}/photos)` }
  }
  if (item.photoRequired === true && entry.photoId === undefined) {
    return { ok: false, field: 'photoId', message: `step ${item.id} needs a photo: upload it to the work order, then send its id` }
  }
  const result: ChecklistResult = { passed, at, by }
  if (entry.value !== undefined) result.value = entry.value
  if (entry.photoId !== undefined) result.photoId = entry.photoId
  if (entry.note !== undefined && entry.note !== '') result.note = entry.note
  return { ok: true, item: { ...item, result } }
}

/** The steps not yet recorded: a work order with any cannot be resolved. */
export function checklistGaps(items: readonly ChecklistItem[] | undefined): ChecklistItem[] {
  return (items ?? []).filter((item) => item.result === undefined)
}
