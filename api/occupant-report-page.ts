import type { Equipment } from '../core/domain/equipment.js'
import { PHOTO_CONTENT_TYPES } from '../core/photos/image-type.js'
import { CONTACT_MAX_CHARS, DESCRIPTION_MAX_CHARS } from '../core/occupant/occupant-report-form.js'
import type { OccupantMessageKind } from '../core/occupant/occupant-request.js'
import type { SelfHelpTip } from '../core/occupant/self-help-tip.js'
import { html, htmlPage } from './occupant-html.js'
import type { Html } from './occupant-html.js'

/** A mistake to show next to its field; `form` for one that is about the whole form. */
export interface PageFieldError {
  field: 'kind' | 'description' | 'contact' | 'photo' | 'form'
  message: string
}

export interface ReportPageInput {
  equipment: Equipment
  /** The name of the equipment's building, shown with its location so the occupant knows the sticker is the right one. */
  building?: string | undefined
  tips: readonly SelfHelpTip[]
  /** Where the form posts: `/r/{code}`. */
  action: string
  photoMaxBytes: number
  /** What the occupant typed, when the page comes back with mistakes. */
  values?: { kind?: string | undefined; description?: string | undefined; contact?: string | undefined }
  errors?: readonly PageFieldError[]
  /** Planned outages and inspection days covering this equipment, on now or soon. */
  notices?: readonly { title: string; message: string; startsAt: string; endsAt: string }[]
  /** The site's time zone, for the notices' times. */
  timeZone?: string
}

const KIND_CHOICES: readonly { kind: OccupantMessageKind; label: string }[] = [
  { kind: 'fault', label: 'Something is broken' },
  { kind: 'complaint', label: 'A complaint' },
  { kind: 'suggestion', label: 'A suggestion' }
]

/** The page behind an equipment's QR code: what it is, the staff's self-help tips first, then the report form. */
export function occupantReportPage(input: ReportPageInput): string {
  const { equipment, values = {}, errors = [] } = input
  const errorOf = (field: PageFieldError['field']): Html | string => {
    const found = errors.find((error) => error.field === field)
    return found === undefined ? '' : html`<p class="error" id="${field}-error">${found.message}</p>`
  }
  // Screen readers read a control's hint and its mistake with its label.
  const describedBy = (field: PageFieldError['field'], hint?: string): Html | string => {
    const invalid = errors.some((error) => error.field === field)
    const ids = [hint, invalid ? `${field}-error` : undefined].filter((id) => id !== undefined)
    return ids.length === 0 ? '' : html` aria-describedby="${ids.join(' ')}"${invalid ? html` aria-invalid="true"` : ''}`
  }
  const kind = values.kind ?? 'fault'
  const tips = input.tips.length === 0
    ? ''
    : html`<h2>Before you report</h2><section aria-label="Self-help tips">${input.tips.map((tip, i) => html`<details${i === 0 ? html` open` : ''}><summary>${tip.title}</summary><p>${tip.body}</p></details>`)}</section>`
  const notices = (input.notices ?? []).length === 0
    ? ''
    : html`<h2>Notices</h2>${(input.notices ?? []).map((notice) => html`<section class="notice"><p><strong>${notice.title}</strong></p><p class="message">${notice.message}</p><time datetime="${notice.startsAt}">${formatSpan(notice.startsAt, notice.endsAt, input.timeZone ?? 'UTC')}</time></section>`)}`
  const formProblem = errors.length === 0 ? '' : html`<section class="alert" role="alert"><p><strong>Please check the form:</strong> ${errors.map((error) => error.message).join(' ')}</p></section>`
  return htmlPage({
    title: equipment.name,
    subtitle: input.building === undefined ? equipment.location : `${input.building} · ${equipment.location}`,
    body: html`${notices}${tips}
<h2>Report a problem</h2>${formProblem}
<section><form method="post" action="${input.action}" enctype="multipart/form-data">
<fieldset class="field"><legend>What is it?</legend><div class="choice">${KIND_CHOICES.map((choice) => html`<label><input type="radio" name="kind" value="${choice.kind}"${choice.kind === kind ? html` checked` : ''}> ${choice.label}</label>`)}</div>${errorOf('kind')}</fieldset>
<div class="field"><label for="description">What happened?</label><textarea id="description" name="description" required minlength="3" maxlength="${DESCRIPTION_MAX_CHARS}"${describedBy('description')} placeholder="What you noticed, where, and since when">${values.description ?? ''}</textarea>${errorOf('description')}</div>
<div class="field"><label for="photo">Photo (optional)</label><input type="file" id="photo" name="photo" accept="${PHOTO_CONTENT_TYPES.join(',')}"${describedBy('photo', 'photo-hint')}><p class="hint" id="photo-hint">JPEG, PNG, WebP or HEIC, up to ${formatMegabytes(input.photoMaxBytes)}.</p>${errorOf('photo')}</div>
<div class="field"><label for="contact">How can we reach you? (optional)</label><input type="text" id="contact" name="contact" maxlength="${CONTACT_MAX_CHARS}" autocomplete="tel" value="${values.contact ?? ''}"${describedBy('contact', 'contact-hint')}><p class="hint" id="contact-hint">A phone number or e-mail, only if you want us to call you back. Seen by the maintenance team only.</p>${errorOf('contact')}</div>
${errorOf('form')}<button type="submit">Send report</button>
</form></section>
<p class="hint">No account needed. After sending you get a private link to follow what happens.</p>`
  })
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MB`
}

function formatSpan(startsAt: string, endsAt: string, timeZone: string): string {
  const format = (iso: string): string => {
    try {
      return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))
    } catch {
      return iso
    }
  }
  return `${format(startsAt)} – ${format(endsAt)}`
}
