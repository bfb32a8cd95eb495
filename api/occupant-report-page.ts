import type { Equipment } from '../core/domain/equipment.js'
import { PHOTO_CONTENT_TYPES } from '../core/photos/image-type.js'
import { CONTACT_MAX_CHARS, DESCRIPTION_MAX_CHARS } from '../core/occupant/occupant-report-form.js'
import type { OccupantMessageKind } from '../core/occupant/occupant-request.js'
import type { SelfHelpTip } from '../core/occupant/self-help-tip.js'
import { html, htmlPage } from './occupant-html.js'
import type { Html } from './occupant-html.js'
import type { PageLanguage } from './occupant-language.js'

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
  /** Where the form posts: `/r/{code}`, with the chosen language (`PageLanguage.link`). */
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

const KIND_CHOICES: readonly OccupantMessageKind[] = ['fault', 'complaint', 'suggestion']

/** The page behind an equipment's QR code: what it is, the staff's notices and self-help tips first, then the report form. */
export function occupantReportPage(input: ReportPageInput, lang: PageLanguage): string {
  const { equipment, values = {}, errors = [] } = input
  const { t } = lang
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
    : html`<h2>${t('beforeYouReport')}</h2><section aria-label="${t('selfHelpTips')}">${input.tips.map((tip, i) => html`<details${i === 0 ? html` open` : ''}><summary>${tip.title}</summary><p>${tip.body}</p></details>`)}</section>`
  const notices = (input.notices ?? []).length === 0
    ? ''
    : html`<h2>${t('notices')}</h2>${(input.notices ?? []).map((notice) => html`<section class="notice"><p><strong>${notice.title}</strong></p><p class="message">${notice.message}</p><time datetime="${notice.startsAt}">${formatSpan(notice.startsAt, notice.endsAt, input.timeZone ?? 'UTC', lang)}</time></section>`)}`
  const formProblem = errors.length === 0 ? '' : html`<section class="alert" role="alert"><p><strong>${t('checkForm')}</strong> ${errors.map((error) => error.message).join(' ')}</p></section>`
  return htmlPage({
    lang,
    title: equipment.name,
    subtitle: input.building === undefined ? equipment.location : `${input.building} · ${equipment.location}`,
    body: html`${notices}${tips}
<h2>${t('reportProblem')}</h2>${formProblem}
<section><form method="post" action="${input.action}" enctype="multipart/form-data">
<fieldset class="field"><legend>${t('whatIsIt')}</legend><div class="choice">${KIND_CHOICES.map((choice) => html`<label><input type="radio" name="kind" value="${choice}"${choice === kind ? html` checked` : ''}> ${t(`kind_${choice}`)}</label>`)}</div>${errorOf('kind')}</fieldset>
<div class="field"><label for="description">${t('whatHappened')}</label><textarea id="description" name="description" required minlength="3" maxlength="${DESCRIPTION_MAX_CHARS}"${describedBy('description')} placeholder="${t('descriptionPlaceholder')}">${values.description ?? ''}</textarea>${errorOf('description')}</div>
<div class="field"><label for="photo">${t('photoLabel')}</label><input type="file" id="photo" name="photo" accept="${PHOTO_CONTENT_TYPES.join(',')}"${describedBy('photo', 'photo-hint')}><p class="hint" id="photo-hint">${t('photoHint', { size: formatMegabytes(input.photoMaxBytes) })}</p>${errorOf('photo')}</div>
<div class="field"><label for="contact">${t('contactLabel')}</label><input type="text" id="contact" name="contact" maxlength="${CONTACT_MAX_CHARS}" autocomplete="tel" value="${values.contact ?? ''}"${describedBy('contact', 'contact-hint')}><p class="hint" id="contact-hint">${t('contactHint')}</p>${errorOf('contact')}</div>
${errorOf('form')}<button type="submit">${t('sendReport')}</button>
</form></section>
<p class="hint">${t('noAccount')}</p>`
  })
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MB`
}

function formatSpan(startsAt: string, endsAt: string, timeZone: string, lang: PageLanguage): string {
  return lang.t('timeSpan', { start: lang.formatTime(startsAt, timeZone), end: lang.formatTime(endsAt, timeZone) })
}
