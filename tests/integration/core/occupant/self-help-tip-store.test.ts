import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SELF_HELP_TIPS } from '../../../../core/occupant/default-self-help-tips.js'
import { occupantKeys } from '../../../../core/occupant/occupant-keys.js'
import { SelfHelpTipStore } from '../../../../core/occupant/self-help-tip-store.js'
import { testRedis } from '../../../helpers/test-services.js'
import type { TestRedis } from '../../../helpers/test-services.js'

describe('SelfHelpTipStore on real Redis', () => {
  let redis: TestRedis
  let store: SelfHelpTipStore

  beforeAll(() => {
    redis = testRedis()
    store = new SelfHelpTipStore(redis.redis, occupantKeys(redis.keys.prefix), () => Date.parse('2026-11-30T08:00:00.000Z'))
  })
  afterAll(async () => {
    await redis.close()
  })

  it('starts each type with its default tips, written once even when asked for at the same time', async () => {
    const lists = await Promise.all([store.list('elevator'), store.list('elevator'), store.list('elevator')])
    for (const tips of lists) expect(tips.map((tip) => tip.title)).toEqual(DEFAULT_SELF_HELP_TIPS.elevator.map((tip) => tip.title))
    expect(lists[0]?.map((tip) => tip.id)).toEqual(['tip-1', 'tip-2', 'tip-3'])
  })

  it('keeps deleted defaults deleted', async () => {
    for (const tip of await store.list('fire_system')) expect(await store.remove('fire_system', tip.id)).toBe(true)
    expect(await store.list('fire_system')).toEqual([])
    expect(await store.remove('fire_system', 'tip-1')).toBe(false)
  })

  it('adds tips last and rewrites only tips that exist', async () => {
    const added = await store.add('pump', { title: 'New', body: 'Body' }, 'mei (manager)')
    expect((await store.list('pump')).at(-1)).toEqual(added)
    expect(await store.replace('pump', 'tip-99', { title: 'x', body: 'y' }, 'mei (manager)')).toBeUndefined()
    expect(await store.replace('pump', added.id, { title: 'Newer', body: 'Body' }, 'li')).toMatchObject({ id: added.id, title: 'Newer', updatedBy: 'li' })
  })
})
