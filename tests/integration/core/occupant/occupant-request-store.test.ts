import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newFollowToken } from '../../../../core/occupant/follow-token.js'
import { occupantKeys } from '../../../../core/occupant/occupant-keys.js'
import type { OccupantRequest } from '../../../../core/occupant/occupant-request.js'
import { OccupantRequestStore } from '../../../../core/occupant/occupant-request-store.js'
import { testRedis } from '../../../helpers/test-services.js'
import type { TestRedis } from '../../../helpers/test-services.js'

const T0 = Date.parse('2026-11-30T08:00:00.000Z')

describe('OccupantRequestStore on real Redis', () => {
  let redis: TestRedis
  let store: OccupantRequestStore

  beforeAll(() => {
    redis = testRedis()
    store = new OccupantRequestStore(redis.redis, occupantKeys(redis.keys.prefix))
  })
  afterAll(async () => {
    await redis.close()
  })

  const request = async (kind: OccupantRequest['kind'], siteId: string, minute: number): Promise<{ request: OccupantRequest; token: string }> => {
    const stored: OccupantRequest = { id: await store.nextId(), kind, status: 'open', equipmentId: 'p1', equipmentType: 'pump', siteId, buildingId: 'b1', description: `${kind} ${minute}`, createdAt: new Date(T0 + minute * 60_000).toISOString() }
    const token = newFollowToken()
    await store.create(stored, token)
    return { request: stored, token }
  }

  it('numbers requests, finds them by follow token only, and lists them newest first with filters', async () => {
    const fault = await request('fault', 's1', 0)
    const complaint = await request('complaint', 's2', 1)
    expect(fault.request.id).toMatch(/^RQ-\d{6}$/)
    expect(await store.getByFollowToken(fault.token)).toEqual(fault.request)
    expect(await store.getByFollowToken(newFollowToken())).toBeUndefined()
    expect(await store.getByFollowToken('../../x')).toBeUndefined()
    expect((await store.list()).map((r) => r.id)).toEqual([complaint.request.id, fault.request.id])
    expect((await store.list({ kinds: ['complaint', 'suggestion'] })).map((r) => r.id)).toEqual([complaint.request.id])
    expect((await store.list({ siteId: 's1' })).map((r) => r.id)).toEqual([fault.request.id])
  })

  it('moves counts with every change, even when answers race', async () => {
    const { request: suggestion } = await request('suggestion', 's3', 2)
    const { request: fault } = await request('fault', 's3', 3)
    await store.linkWorkOrder(fault.id, 'WO-000001')
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((text) => store.answer(suggestion.id, { text, at: new Date(T0).toISOString(), by: 'mei (manager)' })))
    expect(answers.every((a) => a.outcome === 'answered')).toBe(true)
    const counts = (await store.counts()).filter((row) => row.siteId === 's3')
    expect(counts).toEqual([
      { siteId: 's3', kind: 'fault', status: 'work_order', count: 1 },
      { siteId: 's3', kind: 'suggestion', status: 'answered', count: 1 }
    ])
    expect(await store.answer(fault.id, { text: 'x', at: '', by: '' })).toMatchObject({ outcome: 'not_feedback' })
    expect(await store.answer('RQ-999999', { text: 'x', at: '', by: '' })).toEqual({ outcome: 'not_found' })
  })
})
