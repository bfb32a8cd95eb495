import { describe, expect, it } from 'vitest'
import { chooseOccupantLanguage, languageOfAcceptLanguage, pageLanguage } from '../../../api/occupant-language.js'

describe('the language of an occupant page', () => {
  it("follows the browser's Accept-Language: any Chinese is zh-CN, anything else English", () => {
    expect(languageOfAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('zh')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('zh-Hans-CN')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('zh-TW')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('ZH-cn')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('en-GB,en;q=0.9')).toBe('en')
    expect(languageOfAcceptLanguage('fr-FR,de;q=0.8')).toBe('en')
    expect(languageOfAcceptLanguage('*')).toBe('en')
    expect(languageOfAcceptLanguage('')).toBe('en')
    expect(languageOfAcceptLanguage(undefined)).toBe('en')
  })

  it('ranks by q-value, ties in the order given, and skips languages it does not speak', () => {
    expect(languageOfAcceptLanguage('en;q=0.5, zh-CN;q=0.8')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en')
    expect(languageOfAcceptLanguage('fr, zh;q=0.3')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('zh;q=0.7, en;q=0.7')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('en;q=0.7, zh;q=0.7')).toBe('en')
    expect(languageOfAcceptLanguage(' zh-CN ; q=1.0 , en ; Q=0.2 ')).toBe('zh-CN')
  })

  it('never picks a language the browser refuses (q=0), and drops a range with a malformed q', () => {
    expect(languageOfAcceptLanguage('zh;q=0, en;q=0.1')).toBe('en')
    expect(languageOfAcceptLanguage('zh-CN;q=0.000')).toBe('en')
    expect(languageOfAcceptLanguage('en;q=2, zh;q=0.5')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('en;q=abc, zh;q=0.1')).toBe('zh-CN')
    expect(languageOfAcceptLanguage('en;q=0.5000, zh;q=0.1')).toBe('zh-CN')
  })

  it('lets ?lang= override the browser, and remembers that it was chosen', () => {
    expect(chooseOccupantLanguage('en-GB', 'zh-CN')).toEqual({ language: 'zh-CN', pinned: true })
    expect(chooseOccupantLanguage('zh-CN', 'en')).toEqual({ language: 'en', pinned: true })
    expect(chooseOccupantLanguage(undefined, 'zh-cn')).toEqual({ language: 'zh-CN', pinned: true })
    expect(chooseOccupantLanguage('zh-CN', undefined)).toEqual({ language: 'zh-CN', pinned: false })
    // Something it does not speak, or not one value, is ignored: the browser decides.
    expect(chooseOccupantLanguage('zh-CN', 'fr')).toEqual({ language: 'zh-CN', pinned: false })
    expect(chooseOccupantLanguage('en', ['zh-CN', 'en'])).toEqual({ language: 'en', pinned: false })
    expect(chooseOccupantLanguage('en', '')).toEqual({ language: 'en', pinned: false })
  })

  it("carries a chosen language in the page's links, and leaves the browser's choice to the browser", () => {
    const chosen = pageLanguage('/r/7k3m9q2xwd?lang=zh-CN', 'en')
    expect(chosen.language).toBe('zh-CN')
    expect(chosen.link('/r/7k3m9q2xwd')).toBe('/r/7k3m9q2xwd?lang=zh-CN')
    expect(chosen.link('/r/follow/abc?sent=1')).toBe('/r/follow/abc?sent=1&lang=zh-CN')
    expect(chosen.link('https://vigil.example/r/follow/abc')).toBe('https://vigil.example/r/follow/abc?lang=zh-CN')
    const fromBrowser = pageLanguage('/r/7k3m9q2xwd', 'zh-CN,zh;q=0.9')
    expect(fromBrowser.language).toBe('zh-CN')
    expect(fromBrowser.link('/r/follow/abc?sent=1')).toBe('/r/follow/abc?sent=1')
  })

  it('switches to the same address in the other language, keeping its other parameters, never to another site', () => {
    expect(pageLanguage('/r/follow/abc?sent=1', 'zh').switchHref).toBe('/r/follow/abc?sent=1&lang=en')
    expect(pageLanguage('/r/follow/abc?lang=zh-CN&sent=1', undefined).switchHref).toBe('/r/follow/abc?lang=en&sent=1')
    expect(pageLanguage('/r/7k3m9q2xwd', undefined).switchHref).toBe('/r/7k3m9q2xwd?lang=zh-CN')
    expect(pageLanguage('//elsewhere.example/r/x', undefined).switchHref).toBeUndefined()
  })

  it("writes times in the site's time zone, the language's way", () => {
    const iso = '2026-12-02T01:30:00.000Z'
    expect(pageLanguage('/r/x', 'en').formatTime(iso, 'Asia/Shanghai')).toBe('2 Dec 2026, 09:30')
    expect(pageLanguage('/r/x', 'zh-CN').formatTime(iso, 'Asia/Shanghai')).toBe('2026年12月2日 09:30')
    expect(pageLanguage('/r/x', 'en').formatTime(iso, 'Not/AZone')).toBe(iso)
  })

  it('words a key in the chosen language, filling its values', () => {
    expect(pageLanguage('/r/x', 'en').t('ratedRepair', { score: 4 })).toBe('You rated this repair 4 out of 5. Thank you.')
    expect(pageLanguage('/r/x', 'zh-CN').t('ratedRepair', { score: 4 })).toBe('您给这次维修打了 4 分（满分 5 分）。谢谢！')
  })
})
