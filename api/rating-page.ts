import { escapeHtml, htmlDocument } from './html.js'

export type RatingPageState =
  | { state: 'form'; token: string; workOrder: { id: string; title: string; resolvedAt?: string } }
  | { state: 'thanks'; score: number }
  | { state: 'gone' }

const SCORES = [
  [5, 'Excellent'],
  [4, 'Good'],
  [3, 'Acceptable'],
  [2, 'Poor'],
  [1, 'Very poor']
] as const

/** The public rating page: the form, the thanks after it, or why the link no longer works. */
export function ratingPage(page: RatingPageState): string {
  if (page.state === 'gone') {
    return htmlDocument('Rating link not valid', '<h1>This rating link no longer works</h1><p>It was used already or has expired (links last 48 hours). Ask the engineering team for a new one if you still want to rate the work.</p>')
  }
  if (page.state === 'thanks') {
    return htmlDocument('Thank you', `<h1>Thank you</h1><p>Your rating of ${page.score} out of 5 was recorded. The engineering team reads every rating.</p>`)
  }
  const { workOrder, token } = page
  const options = SCORES.map(([score, label]) => `<label><input type="radio" name="score" value="${score}" required> ${score} – ${label}</label>`).join('\n')
  const resolved = workOrder.resolvedAt === undefined ? '' : ` <span class="note">(fixed ${escapeHtml(workOrder.resolvedAt.slice(0, 16).replace('T', ' '))} UTC)</span>`
  return htmlDocument(
    `Rate work order ${workOrder.id}`,
    `<h1>How did we do?</h1>
<p>Work order ${escapeHtml(workOrder.id)}: ${escapeHtml(workOrder.title)}${resolved}</p>
<form method="post" action="/rate/${encodeURIComponent(token)}">
<fieldset><legend>Your rating</legend>
${options}
</fieldset>
<label for="comment">Comment (optional)</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<p><button type="submit">Send rating</button></p>
<p class="note">This link works once.</p>
</form>`
  )
}
