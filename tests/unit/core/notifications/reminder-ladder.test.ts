import { describe, expect, it } from 'vitest'
import { ladderRungs, ladderStep } from '../../../../core/notifications/reminder-ladder.js'

describe('the reminder ladder', () => {
  it('has whoever should act, the supervisor and the managers, skipping empty rungs', () => {
    expect(ladderRungs({ assignee: true, supervisor: true })).toEqual(['assignee', 'supervisor', 'managers'])
    expect(ladderRungs({ assignee: true, supervisor: false })).toEqual(['assignee', 'managers'])
    expect(ladderRungs({ assignee: false, supervisor: false })).toEqual(['managers'])
  })

  it('reminds each rung `repeats` times, then climbs, then stops', () => {
    const rungs = ladderRungs({ assignee: true, supervisor: true })
    const steps = Array.from({ length: 8 }, (_, step) => ladderStep(step, rungs, 3))
    expect(steps).toEqual([
      { rung: 'assignee', reminder: 1 },
      { rung: 'assignee', reminder: 2 },
      { rung: 'assignee', reminder: 3 },
      { rung: 'supervisor', reminder: 1 },
      { rung: 'supervisor', reminder: 2 },
      { rung: 'supervisor', reminder: 3 },
      { rung: 'managers', reminder: 1 },
      { rung: 'managers', reminder: 2 }
    ])
    expect(ladderStep(9, rungs, 3)).toBeUndefined()
  })

  it('refuses nonsense steps', () => {
    expect(ladderStep(-1, ['managers'], 1)).toBeUndefined()
    expect(ladderStep(0.5, ['managers'], 1)).toBeUndefined()
    expect(ladderStep(0, ['managers'], 0)).toBeUndefined()
  })
})
