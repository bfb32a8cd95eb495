import type { WorkOrderStatus } from '../core/domain/work-order.js'
import type { OccupantRequest } from '../core/occupant/occupant-request.js'
import type { ProgressStep } from '../core/occupant/occupant-progress.js'
import { html, htmlPage } from './occupant-html.js'
import type { Html } from './occupant-html.js'
import type { PageLanguage } from './occupant-language.js'

export interface FollowPageInput {
  request: OccupantRequest
  /** The equipment's name and location, if it is still registered. */
  equipment?: { name: string; location: string } | undefined
  /** For a fault: where its repair stands and its steps so far; `rating.action` carries the chosen language already. */
  repair?: { status: WorkOrderStatus; steps: readonly ProgressStep[]; rating?: { action: string } | { score: number } } | undefined
  /** This page's own address, for the occupant to keep (with the language they chose, if they chose one). */
  followUrl: string
  /** Shown right after sending. */
  justSent: boolean
  /** The site's time zone, for the times shown. */
  timeZone: string
  /** Where the occupant's own photo is shown from, if they sent one. */
  photoUrl?: string | undefined
}

/** The occupant's private view of their request: its status, the repair's steps or the staff's answer. */
export function occupantFollowPage(input: FollowPageInput, lang: PageLanguage): string {
  const { request } = input
  const { t } = lang
  const when = (iso: string) => lang.formatTime(iso, input.timeZone)
  const sent = input.justSent
    ? html`<section class="ok" role="status"><p><strong>${t(`thanks_${request.kind}`)}</strong></p><p>${t('keepLink')}</p><p class="link">${input.followUrl}</p></section>`
    : ''
  return htmlPage({
    lang,
    title: t(`title_${request.kind}`, { id: request.id }),
    subtitle: input.equipment === undefined ? undefined : `${input.equipment.name} · ${input.equipment.location}`,
    body: html`${sent}
<section><p>${t('status')}</p><p class="status" id="status">${statusLine(input, lang)}</p><time datetime="${request.createdAt}">${t('sentAt', { time: when(request.createdAt) })}</time></section>
${progress(input, lang, when)}
<h2>${t('whatYouWrote')}</h2><section><p class="message">${request.description}</p>${input.photoUrl === undefined ? '' : html`<img class="photo" src="${input.photoUrl}" alt="${t('photoAlt')}">`}</section>`
  })
}

function statusLine(input: FollowPageInput, { t }: PageLanguage): string {
  const { request } = input
  if (request.kind === 'fault') return input.repair === undefined ? t('receivedFault') : t(`status_${input.repair.status}`)
  return request.status === 'answered' ? t('answered') : t('receivedFeedback')
}

function progress(input: FollowPageInput, lang: PageLanguage, when: (iso: string) => string): Html | string {
  const { request } = input
  const { t } = lang
  if (request.kind !== 'fault') {
    if (request.answer === undefined) return ''
    return html`<h2>${t('answerFromTeam')}</h2><section><p class="message">${request.answer.text}</p><time datetime="${request.answer.at}">${when(request.answer.at)}</time></section>`
  }
  const steps = input.repair?.steps ?? []
  if (steps.length === 0) return ''
  return html`<h2>${t('progress')}</h2><section><ol class="timeline">${steps.map((step) => html`<li><time datetime="${step.at}">${when(step.at)}</time>${t(`step_${step.event}`)}</li>`)}</ol></section>${rating(input.repair?.rating, lang)}`
}

function rating(state: { action: string } | { score: number } | undefined, { t }: PageLanguage): Html | string {
  if (state === undefined) return ''
  if ('score' in state) return html`<section class="ok"><p>${t('ratedRepair', { score: state.score })}</p></section>`
  return html`<section><p>${t('isItFixed')}</p><form method="post" action="${state.action}"><button type="submit">${t('rateRepair')}</button></form></section>`
}
