import { describe, expect, it } from 'vitest'
import { AlertLifecycle } from '../../../rules/alert-lifecycle.js'

const MIN = 60_000
const config = { resolveHoldMs: 5 * MIN, cooldownMs: 15 * MIN, flapThreshold: 3, flapWindowMs: 60 * MIN }

describe('AlertLifecycle', () => {
  it('opens once, and a firing during the hold keeps the same alert open', () => {
    const life = new AlertLifecycle(config)
    expect(life.fire('p1', 'hot', 0)).toBe('open')
    expect(life.fire('p1', 'hot', 1)).toBe('none')
    life.clear('p1', 'hot', 1 * MIN)
    expect(life.advance('p1', 3 * MIN)).toEqual([])
    expect(life.fire('p1', 'hot', 4 * MIN)).toBe('none')
    expect(life.advance('p1', 20 * MIN)).toEqual([])
  })

  it('resolves only after the condition has stayed clear for the hold time', () => {
    const life = new AlertLifecycle(config)
    life.fire('p1', 'hot', 0)
    life.clear('p1', 'hot', 10 * MIN)
    expect(life.advance('p1', 14 * MIN)).toEqual([])
    expect(life.advance('p1', 15 * MIN)).toEqual(['hot'])
    expect(life.advance('p1', 16 * MIN)).toEqual([])
  })

  it('keeps equipment and rules apart', () => {
    const life = new AlertLifecycle(config)
    expect(life.fire('p1', 'hot', 0)).toBe('open')
    expect(life.fire('p2', 'hot', 0)).toBe('open')
    expect(life.fire('p1', 'cold', 0)).toBe('open')
    life.clear('p1', 'hot', MIN)
    expect(life.advance('p2', 60 * MIN)).toEqual([])
    expect(life.advance('p1', 60 * MIN)).toEqual(['hot'])
  })

  it('reopens within the cooldown after resolve, and opens anew after it', () => {
    const life = new AlertLifecycle(config)
    life.fire('p1', 'hot', 0)
    life.clear('p1', 'hot', MIN)
    life.advance('p1', 6 * MIN)
    expect(life.fire('p1', 'hot', 10 * MIN)).toBe('reopen')
    life.clear('p1', 'hot', 11 * MIN)
    life.advance('p1', 16 * MIN)
    // Past the cooldown (and past the flap window, so the earlier opens no longer count): a new alert.
    expect(life.fire('p1', 'hot', 76 * MIN)).toBe('open')
  })

  it('turns a condition that keeps coming back into one flapping alert that outlasts the flapping', () => {
    const life = new AlertLifecycle(config)
    const actions: string[] = []
    let t = 0
    for (let cycle = 0; cycle < 5; cycle++) {
      actions.push(life.fire('p1', 'hot', t))
      life.clear('p1', 'hot', t + MIN)
      actions.push(...life.advance('p1', t + 6 * MIN).map((rule) => `resolved ${rule}`))
      t += 10 * MIN
    }
    // Two ordinary cycles, then the third open within the hour is flapping: it stays open from then on.
    expect(actions).toEqual(['open', 'resolved hot', 'reopen', 'resolved hot', 'flapping', 'none', 'none'])
    expect(life.isFlapping('p1', 'hot')).toBe(true)
    // Quiet for the whole flap window: resolved, and no longer flapping.
    expect(life.advance('p1', t - 10 * MIN + MIN + 59 * MIN)).toEqual([])
    expect(life.advance('p1', t - 10 * MIN + MIN + 60 * MIN)).toEqual(['hot'])
    expect(life.isFlapping('p1', 'hot')).toBe(false)
  })

  it('resumes from a snapshot as if it had never stopped', () => {
    const life = new AlertLifecycle(config)
    life.fire('p1', 'hot', 0)
    life.clear('p1', 'hot', MIN)
    life.fire('p2', 'hot', 0)
    const restored = new AlertLifecycle(config)
    for (const equipmentId of ['p1', 'p2']) restored.restore(equipmentId, JSON.parse(JSON.stringify(life.snapshot(equipmentId))) as ReturnType<AlertLifecycle['snapshot']>)
    expect(restored.fire('p2', 'hot', 2 * MIN)).toBe('none')
    expect(restored.advance('p1', 6 * MIN)).toEqual(['hot'])
    expect(restored.fire('p1', 'hot', 7 * MIN)).toBe('reopen')
  })
})
