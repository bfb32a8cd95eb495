import type { Equipment, EquipmentType } from '../domain/equipment.js'

/**
 * A manager's word to the occupants of a site or one building: a planned water or elevator
 * outage, an inspection day. It shows on the QR report page of the equipment it covers while it
 * is on or coming soon, and the alerts of the equipment types it names are muted (not dropped)
 * during its window, since the planned work causes them.
 */
export interface Notice {
  id: string
  siteId: string
  /** Unset: the whole site. */
  buildingId?: string
  title: string
  message: string
  startsAt: string
  endsAt: string
  /** Equipment whose alerts the planned work causes: muted inside the window. */
  mutesEquipmentTypes: EquipmentType[]
  /** The maintenance windows that do the muting, one per equipment covered, removed with the notice. */
  windows: { equipmentId: string; windowId: string }[]
  createdAt: string
  createdBy: string
}

/** Occupants see a notice from this long before it starts. */
export const NOTICE_LEAD_MS = 7 * 86_400_000

/** Whether the notice covers the equipment: the same site, and its building or the whole site. */
export function noticeCovers(notice: Pick<Notice, 'siteId' | 'buildingId'>, equipment: Pick<Equipment, 'siteId' | 'buildingId'>): boolean {
  return notice.siteId === equipment.siteId && (notice.buildingId === undefined || notice.buildingId === equipment.buildingId)
}

/** The notices an occupant at this equipment should see now: on, or starting within a week; soonest first. */
export function noticesToShow(notices: readonly Notice[], equipment: Pick<Equipment, 'siteId' | 'buildingId'>, nowMs: number): Notice[] {
  return notices
    .filter((notice) => noticeCovers(notice, equipment) && Date.parse(notice.endsAt) > nowMs && Date.parse(notice.startsAt) - NOTICE_LEAD_MS <= nowMs)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
}
