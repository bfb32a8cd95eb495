import { OCCUPANT_MESSAGE_KINDS } from './occupant-request.js'
import type { OccupantMessageKind } from './occupant-request.js'

export const DESCRIPTION_MIN_CHARS = 3
export const DESCRIPTION_MAX_CHARS = 2000
export const CONTACT_MAX_CHARS = 200

/** The text fields of the report form and their longest length, for the multipart reader. */
export const REPORT_FORM_FIELDS: Readonly<Record<string, number>> = { kind: 20, description: DESCRIPTION_MAX_CHARS, contact: CONTACT_MAX_CHARS }

/** What an occupant reported, checked and tidied. */
export interface OccupantReport {
  kind: OccupantMessageKind
  description: string
  contact?: string
}

/** A field of the form the occupant must correct, in words for them (not for a developer). */
export interface ReportFieldError {
  field: 'kind' | 'description' | 'contact'
  message: string
}

export type ReportReading = { ok: true; report: OccupantReport } | { ok: false; errors: ReportFieldError[] }

/** Checks the report form's text fields; every mistake is listed, so the occupant fixes them in one go. Pure. */
export function readOccupantReport(fields: ReadonlyMap<string, string>): ReportReading {
  const errors: ReportFieldError[] = []
  const kind = fields.get('kind') ?? 'fault'
  if (!(OCCUPANT_MESSAGE_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'kind', message: 'Choose whether this is a fault, a complaint or a suggestion.' })
  const description = tidy(fields.get('description') ?? '')
  if (description.length < DESCRIPTION_MIN_CHARS) errors.push({ field: 'description', message: 'Describe what is wrong in a few words.' })
  else if (description.length > DESCRIPTION_MAX_CHARS) errors.push({ field: 'description', message: `Please keep the description under ${DESCRIPTION_MAX_CHARS} characters.` })
  const contact = tidy(fields.get('contact') ?? '').replace(/\s+/g, ' ')
  if (contact.length > CONTACT_MAX_CHARS) errors.push({ field: 'contact', message: `Please keep the contact details under ${CONTACT_MAX_CHARS} characters.` })
  if (errors.length > 0) return { ok: false, errors }
  const report: OccupantReport = { kind: kind as OccupantMessageKind, description }
  if (contact !== '') report.contact = contact
  return { ok: true, report }
}

// Control characters other than line breaks and tabs have no place in a message a person reads.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

function tidy(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim()
}
