import { describe, expect, it } from 'vitest'
import { html, htmlPage } from '../../../api/occupant-html.js'

describe('occupant page markup', () => {
  it('escapes everything a user wrote, in text and in attributes', () => {
    expect(html`${`<img src=x onerror="alert('x')">&`}`.text).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;')
    const name = '<script>alert(1)</script>'
    expect(html`<p title="${name}">${name}</p>`.text).toBe('<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>')
  })

  it('keeps markup built with html as it is, lists included', () => {
    expect(html`<ul>${['a', '<b>'].map((item) => html`<li>${item}</li>`)}</ul>`.text).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>')
  })

  it('makes a whole page with its own style and no script or external asset', () => {
    const page = htmlPage({ title: 'Lift <A1>', subtitle: 'Lobby', body: html`<p>hi</p>` })
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('<title>Lift &lt;A1&gt;</title>')
    expect(page).not.toMatch(/<script|<link|src="http|href="http/)
  })
})
