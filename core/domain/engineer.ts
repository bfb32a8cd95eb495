import type { EquipmentType } from './equipment.js'

/** Work on these types is legally reserved to holders of a valid certificate for the type. */
export const CERTIFIED_EQUIPMENT_TYPES: readonly EquipmentType[] = ['elevator', 'fire_system']

export function requiresCertificate(type: EquipmentType): boolean {
  return CERTIFIED_EQUIPMENT_TYPES.includes(type)
}

/** ISO 8601 day of the week: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

/**
 * A weekly working period in the local time of the site where the work is. `start` and `end` are
 * `HH:MM`; an `end` at or before `start` runs past midnight into the next day (`22:00`–`06:00`),
 * and `days` are the days it starts on. `end` may be `24:00`.
 */
export interface Shift {
  days: IsoWeekday[]
  start: string
  end: string
}

export interface Certificate {
  equipmentType: EquipmentType
  /** The certificate's number as printed on it. */
  number: string
  /** Last day of validity, `YYYY-MM-DD`: valid through the end of that day, in the site's time zone. */
  expiresAt: string
}

/** A site an engineer works at; its supervisors receive the escalations of missed deadlines there. */
export interface SiteCoverage {
  siteId: string
  supervisor: boolean
}

export interface EngineerContact {
  phone?: string
  email?: string
}

export interface Engineer {
  id: string
  name: string
  contact: EngineerContact
  /** Equipment types the engineer works on. */
  skills: EquipmentType[]
  certificates: Certificate[]
  shifts: Shift[]
  sites: SiteCoverage[]
}
