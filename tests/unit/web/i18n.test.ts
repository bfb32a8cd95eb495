import { describe, expect, it } from 'vitest'
import { AREAS, chooseLocale, dictionaryKeys, translate } from '../../../web/src/i18n.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('the web dictionary', () => {
  it('defines each key in one area only, so no page silently takes another page’s words', () => {
    const seen = new Map<string, number>()
    AREAS.forEach((area, index) => {
      for (const key of Object.keys(area.en)) {
        expect(seen.has(key), `${key} is in areas ${seen.get(key)} and ${index}`).toBe(false)
        seen.set(key, index)
      }
    })
  })

  it('has every key in both languages, none empty, with the same placeholders', () => {
    expect(dictionaryKeys('zh-CN').sort()).toEqual(dictionaryKeys('en').sort())
    for (const area of AREAS) {
      for (const [key, english] of Object.entries(area.en)) {
        const chinese = (area['zh-CN'] as Record<string, string>)[key] ?? ''
        expect(english.trim(), key).not.toBe('')
        expect(chinese.trim(), key).not.toBe('')
        expect(placeholders(chinese), key).toEqual(placeholders(english))
      }
    }
  })

  it('fills placeholders and chooses the language from the browser’s list', () => {
    expect(translate('en', 'shownCount', { shown: 3, total: 10 })).toBe('3 of 10 shown')
    expect(translate('zh-CN', 'shownCount', { shown: 3, total: 10 })).toBe('显示 3 / 10')
    expect(chooseLocale(['zh-TW', 'en'])).toBe('zh-CN')
    expect(chooseLocale(['fr-FR', 'en-GB'])).toBe('en')
    expect(chooseLocale(['fr-FR'])).toBe('en')
  })
})
