import { describe, expect, it } from 'vitest'
import { noticesToShow } from '../../../../core/notices/notice.js'
import type { Notice } from '../../../../core/notices/notice.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-12-01T00:00:00Z')
const notice = (id: string, overrides: Partial<Notice>): Notice => ({
  id,
  siteId: 'hv',
  title: id,
  message: '',
  startsAt: new Date(NOW + DAY).toISOString(),
  endsAt: new Date(NOW + 2 * DAY).toISOString(),
  mutesEquipmentTypes: [],
  windows: [],
  createdAt: new Date(NOW).toISOString(),
  createdBy: 'mei',
  ...overrides
})

describe('noticesToShow', () => {
  const pumpInTowerA = { siteId: 'hv', buildingId: 'tower-a' }

  it('shows notices of the site or the equipment\'s building, on now or starting within a week, soonest first', () => {
    const notices = [
      notice('site-wide-later', { startsAt: new Date(NOW + 3 * DAY).toISOString(), endsAt: new Date(NOW + 4 * DAY).toISOString() }),
      notice('tower-a-now', { buildingId: 'tower-a', startsAt: new Date(NOW - DAY).toISOString() }),
      notice('tower-b', { buildingId: 'tower-b' }),
      notice('other-site', { siteId: 'rp' }),
      notice('over', { endsAt: new Date(NOW).toISOString(), startsAt: new Date(NOW - DAY).toISOString() }),
      notice('in-two-weeks', { startsAt: new Date(NOW + 14 * DAY).toISOString(), endsAt: new Date(NOW + 15 * DAY).toISOString() })
    ]
    expect(noticesToShow(notices, pumpInTowerA, NOW).map((n) => n.id)).toEqual(['tower-a-now', 'site-wide-later'])
  })
})
