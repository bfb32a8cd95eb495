import { describe, expect, it } from 'vitest'
import { OCCUPANT_MESSAGES } from '../../../api/occupant-messages.js'

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()

describe("the occupant pages' dictionary", () => {
  const english = OCCUPANT_MESSAGES.en
  const chinese = OCCUPANT_MESSAGES['zh-CN']

  it('has every English key in Chinese and no other, none empty', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort())
    expect(Object.entries(chinese).filter(([, text]) => text.trim() === '')).toEqual([])
  })

  it('fills the same values in both languages', () => {
    const differ = Object.keys(english).filter((key) => placeholders(english[key as keyof typeof english]).join() !== placeholders(chinese[key as keyof typeof chinese]).join())
    expect(differ).toEqual([])
  })

  it('is Chinese in Chinese: no sentence left in English', () => {
    // The brand and the switch's label (the other language's own name) are the same words on purpose.
    const same = Object.keys(english).filter((key) => english[key as keyof typeof english] === chinese[key as keyof typeof chinese])
    expect(same).toEqual(['brand'])
    const latinOnly = Object.entries(chinese).filter(([key, text]) => !/[\u4e00-\u9fff]/.test(text) && !['brand', 'otherLanguage'].includes(key))
    expect(latinOnly).toEqual([])
  })
})
