import type { OccupantRequest } from '../core/occupant/occupant-request.js'
import type { ProgressStep } from '../core/occupant/occupant-progress.js'
import { html, htmlPage } from './occupant-html.js'
import type { Html } from './occupant-html.js'

export interface FollowPageInput {
  request: OccupantRequest
  /** The equipment's name and location, if it is still registered. */
  equipment?: { name: string; location: string } | undefined
  /** For a fault: where its repair stands, in words, and its steps so far. */
  repair?: { summary: string; steps: readonly ProgressStep[]; rating?: { action: string } | { score: number } } | undefined
  /** This page's own address, for the occupant to keep. */
  followUrl: string
  /** Shown right after sending. */
  justSent: boolean
  /** The site's time zone, for the times shown. */
  timeZone: string
  /** Where the occupant's own photo is shown from, if they sent one. */
  photoUrl?: string | undefined
}

const KIND_WORDS = { fault: 'Fault report', complaint: 'Complaint', suggestion: 'Suggestion' } as const

/** The occupant's private view of their request: its status, the repair's steps or the staff's answer. */
export function occupantFollowPage(input: FollowPageInput): string {
  const { request } = input
  const when = (iso: string) => formatTime(iso, input.timeZone)
  const sent = input.justSent
    ? html`<section class="ok" role="status"><p><strong>Thank you, your ${KIND_WORDS[request.kind].toLowerCase()} was received.</strong></p><p>Keep this private link to follow it (bookmark this page); anyone with the link can see its progress:</p><p class="link">${input.followUrl}</p></section>`
    : ''
  return htmlPage({
    title: `${KIND_WORDS[request.kind]} ${request.id}`,
    subtitle: input.equipment === undefined ? undefined : `${input.equipment.name} · ${input.equipment.location}`,
    body: html`${sent}
<section><p>Status</p><p class="status" id="status">${statusLine(input)}</p><time datetime="${request.createdAt}">Sent ${when(request.createdAt)}</time></section>
${progress(input, when)}
<h2>What you wrote</h2><section><p class="message">${request.description}</p>${input.photoUrl === undefined ? '' : html`<img class="photo" src="${input.photoUrl}" alt="The photo you sent">`}</section>`
  })
}

function statusLine(input: FollowPageInput): string {
  const { request } = input
  if (request.kind === 'fault') return input.repair?.summary ?? 'Received; the maintenance team will look at it'
  return request.status === 'answered' ? 'Answered' : 'Received; the team will answer here'
}

function progress(input: FollowPageInput, when: (iso: string) => string): Html | string {
  const { request } = input
  if (request.kind !== 'fault') {
    if (request.answer === undefined) return ''
    return html`<h2>Answer from the team</h2><section><p class="message">${request.answer.text}</p><time datetime="${request.answer.at}">${when(request.answer.at)}</time></section>`
  }
  const steps = input.repair?.steps ?? []
  if (steps.length === 0) return ''
  return html`<h2>Progress</h2><section><ol class="timeline">${steps.map((step) => html`<li><time datetime="${step.at}">${when(step.at)}</time>${step.label}</li>`)}</ol></section>${rating(input.repair?.rating)}`
}

function rating(state: { action: string } | { score: number } | undefined): Html | string {
  if (state === undefined) return ''
  if ('score' in state) return html`<section class="ok"><p>You rated this repair ${state.score} out of 5. Thank you.</p></section>`
  return html`<section><p>Is it fixed? Tell us how we did.</p><form method="post" action="${state.action}"><button type="submit">Rate the repair</button></form></section>`
}

function formatTime(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))
  } catch {
    return iso
  }
}
