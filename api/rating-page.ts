import { html, htmlPage } from './occupant-html.js'
import type { PageLanguage } from './occupant-language.js'

export type RatingPageState =
  | { state: 'form'; token: string; workOrder: { id: string; title: string } }
  | { state: 'thanks'; score: number }
  | { state: 'gone' }

const SCORES = [5, 4, 3, 2, 1] as const

/** The public rating page: the form, the thanks after it, or why the link no longer works. */
export function ratingPage(page: RatingPageState, lang: PageLanguage): string {
  const { t } = lang
  if (page.state === 'gone') {
    return htmlPage({
      lang,
      title: t('ratingGoneTitle'),
      body: html`<section class="alert"><p>${t('ratingGoneWhy')}</p><p>${t('ratingGoneWhatToDo')}</p></section>`
    })
  }
  if (page.state === 'thanks') {
    // No language switch: the same address opened again is the spent link's page, not these thanks.
    return htmlPage({ lang: { ...lang, switchHref: undefined }, title: t('ratingThanksTitle'), body: html`<section class="ok" role="status"><p>${t('ratingRecorded', { score: page.score })}</p></section>` })
  }
  const { workOrder, token } = page
  const choices = SCORES.map((score) => html`<label><input type="radio" name="score" value="${score}" required> ${t('scoreChoice', { score, label: t(`score_${score}`) })}</label>`)
  return htmlPage({
    lang,
    title: t('ratingTitle'),
    subtitle: t('ratingSubtitle', { id: workOrder.id, title: workOrder.title }),
    body: html`<section><form method="post" action="${lang.link(`/rate/${encodeURIComponent(token)}`)}">
<fieldset><legend>${t('yourRating')}</legend><div class="choice">${choices}</div></fieldset>
<div class="field"><label for="comment">${t('commentLabel')}</label><textarea id="comment" name="comment" maxlength="2000"></textarea></div>
<button type="submit">${t('sendRating')}</button>
<p class="hint">${t('linkWorksOnce')}</p>
</form></section>`
  })
}
