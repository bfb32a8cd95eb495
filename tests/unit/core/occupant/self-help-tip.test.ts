import { describe, expect, it } from 'vitest'
import { EQUIPMENT_TYPES } from '../../../../core/domain/equipment.js'
import { DEFAULT_SELF_HELP_TIPS } from '../../../../core/occupant/default-self-help-tips.js'
import { TIP_BODY_MAX_CHARS, TIP_TITLE_MAX_CHARS, inWrittenOrder } from '../../../../core/occupant/self-help-tip.js'

describe('self-help tips', () => {
  it('come in the order they were written, tip-10 after tip-9', () => {
    const tip = (id: string) => ({ id, title: id, body: '', updatedAt: '', updatedBy: '' })
    expect(inWrittenOrder([tip('tip-10'), tip('tip-2'), tip('tip-9')]).map((t) => t.id)).toEqual(['tip-2', 'tip-9', 'tip-10'])
  })

  it('have defaults for every equipment type, within the limits staff have', () => {
    for (const type of EQUIPMENT_TYPES) {
      expect(DEFAULT_SELF_HELP_TIPS[type].length).toBeGreaterThan(0)
      for (const tip of DEFAULT_SELF_HELP_TIPS[type]) {
        expect(tip.title.length).toBeLessThanOrEqual(TIP_TITLE_MAX_CHARS)
        expect(tip.body.length).toBeLessThanOrEqual(TIP_BODY_MAX_CHARS)
      }
    }
  })
})
