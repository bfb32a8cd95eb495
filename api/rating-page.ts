import { html, htmlPage } from './occupant-html.js'

export type RatingPageState =
  | { state: 'form'; token: string; workOrder: { id: string; title: string } }
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
    return htmlPage({
      title: 'This rating link no longer works',
      body: html`<section class="alert"><p>It was used already or has expired (links last 48 hours).</p><p>Ask the engineering team for a new one if you still want to rate the work.</p></section>`
    })
  }
  if (page.state === 'thanks') {
    return htmlPage({ title: 'Thank you', body: html`<section class="ok" role="status"><p>Your rating of ${page.score} out of 5 was recorded. The engineering team reads every rating.</p></section>` })
  }
  const { workOrder, token } = page
  const choices = SCORES.map(([score, label]) => html`<label><input type="radio" name="score" value="${score}" required> ${score} – ${label}</label>`)
  return htmlPage({
    title: 'How did we do?',
    subtitle: `Work order ${workOrder.id}: ${workOrder.title}`,
    body: html`<section><form method="post" action="/rate/${encodeURIComponent(token)}">
<fieldset><legend>Your rating</legend><div class="choice">${choices}</div></fieldset>
<div class="field"><label for="comment">Comment (optional)</label><textarea id="comment" name="comment" maxlength="2000"></textarea></div>
<button type="submit">Send rating</button>
<p class="hint">This link works once.</p>
</form></section>`
  })
}
