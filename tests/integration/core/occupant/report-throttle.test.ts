import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { occupantKeys } from '../../../../core/occupant/occupant-keys.js'
import { ReportThrottle } from '../../../../core/occupant/report-throttle.js'
import { testRedis } from '../../../helpers/test-services.js'
import type { TestRedis } from '../../../helpers/test-services.js'

describe('ReportThrottle on real Redis', () => {
  let redis: TestRedis

  beforeAll(() => {
    redis = testRedis()
  })
  afterAll(async () => {
    await redis.close()
  })

  it('refuses past either limit, says when to come back, and shares its counters between processes', async () => {
    const keys = occupantKeys(redis.keys.prefix)
    const limits = { perAddressPerEquipment: 2, perEquipment: 3, windowMs: 600_000 }
    // Two instances over one Redis: two API processes.
    const [one, two] = [new ReportThrottle(redis.redis, keys, limits), new ReportThrottle(redis.redis, keys, limits)]
    expect(await one.take('192.0.2.1', 'p1')).toEqual({ allowed: true })
    expect(await two.take('192.0.2.1', 'p1')).toEqual({ allowed: true })
    const refused = await one.take('192.0.2.1', 'p1')
    expect(refused).toMatchObject({ allowed: false, scope: 'address' })
    expect(refused.allowed === false && refused.retryAfterMs > 0 && refused.retryAfterMs <= 600_000).toBe(true)
    // The refused attempt did not use up the equipment's allowance.
    expect(await two.take('192.0.2.2', 'p1')).toEqual({ allowed: true })
    expect(await one.take('192.0.2.3', 'p1')).toMatchObject({ allowed: false, scope: 'equipment' })
    expect(await one.take('192.0.2.1', 'p2')).toEqual({ allowed: true })
    // Addresses are kept only as hashes.
    expect((await redis.redis.keys(`${redis.keys.prefix}:*`)).some((key) => key.includes('192.0.2'))).toBe(false)
  })
})
