import { describe, expect, it } from 'vitest'
import { html, htmlPage } from '../../../api/occupant-html.js'
import { pageLanguage } from '../../../api/occupant-language.js'

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
    const page = htmlPage({ lang: pageLanguage('/r/7k3m9q2xwd', undefined), title: 'Lift <A1>', subtitle: 'Lobby', body: html`<p>hi</p>` })
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('<title>Lift &lt;A1&gt;</title>')
    expect(page).not.toMatch(/<script|<link|src="http|href="http/)
  })

  it('says its language and links to the same page in the other one, with a plain link', () => {
    const english = htmlPage({ lang: pageLanguage('/r/follow/abc?sent=1', 'en-GB,en;q=0.9'), title: 'Lift', body: html`<p>hi</p>` })
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('<nav aria-label="Language"><a href="/r/follow/abc?sent=1&amp;lang=zh-CN" hreflang="zh-CN" lang="zh-CN">中文</a></nav>')
    const chinese = htmlPage({ lang: pageLanguage('/r/follow/abc?lang=zh-CN', 'en'), title: '电梯', body: html`<p>hi</p>` })
    expect(chinese).toContain('<html lang="zh-CN">')
    expect(chinese).toContain('<nav aria-label="语言"><a href="/r/follow/abc?lang=en" hreflang="en" lang="en">English</a></nav>')
    const noSwitch = htmlPage({ lang: { ...pageLanguage('/rate/x', 'zh'), switchHref: undefined }, title: '谢谢', body: html`<p>hi</p>` })
    expect(noSwitch).not.toContain('<nav')
  })
})
