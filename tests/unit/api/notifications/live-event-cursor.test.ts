import { describe, expect, it } from 'vitest'
import { compareStreamIds, formatLiveCursor, parseLiveCursor } from '../../../../api/notifications/live-event-cursor.js'

describe('the live stream cursor', () => {
  it('round-trips both stream positions', () => {
    const cursor = { alerts: '1764489600000-0', workOrders: '1764489600123-4' }
    expect(formatLiveCursor(cursor)).toBe('1764489600000-0_1764489600123-4')
    expect(parseLiveCursor('1764489600000-0_1764489600123-4')).toEqual(cursor)
    expect(parseLiveCursor('1764489600000-0')).toBeUndefined()
  })

  it('orders stream ids by time, then sequence', () => {
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0)
    expect(compareStreamIds('10-2', '10-1')).toBeGreaterThan(0)
    expect(compareStreamIds('10-1', '10-1')).toBe(0)
  })
})
