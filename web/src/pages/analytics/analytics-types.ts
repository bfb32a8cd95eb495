/** The answers of the analytics API (api/analytics-schemas.ts) the Analytics page reads. */

export type EquipmentType = 'elevator' | 'pump' | 'fire_system'
export const EQUIPMENT_TYPES: readonly EquipmentType[] = ['elevator', 'pump', 'fire_system']

/** `count` of `of`; `rate` is null when there was nothing to count. */
export interface Rate {
  count: number
  of: number
  rate: number | null
}

export interface Kpis {
  created: number
  responseWithinDeadline: Rate
  firstTimeFix: Rate
  mttaHours: number | null
  mttrHours: number | null
  averageRating: number | null
  ratings: number
}

export interface EquipmentMtbf {
  equipmentId: string
  siteId: string
  failures: number
  downtimeHours: number
  mtbfHours: number
}

export interface KpiReport {
  from: string
  to: string
  truncated: boolean
  overall: Kpis
  equipment: EquipmentMtbf[]
}

export interface HotSpotReport {
  from: string
  to: string
  truncated: boolean
  equipment: { equipmentId: string; siteId: string; buildingId: string; name: string; location: string; alerts: number; workOrders: number; total: number }[]
}

export interface SeasonalReport {
  year: number
  truncated: boolean
  items: { month: string; equipmentType: EquipmentType; alerts: number; failures: number; mttrHours: number | null }[]
}

export interface RuleReport {
  truncated: boolean
  items: { ruleId: string; alerts: number; withWorkOrder: number; realFix: Rate; falseAlarm: Rate }[]
}

export interface Scorecard {
  engineerId: string
  name: string
  score: number | null
  dimensions: { id: string; title: string; weight: number; score: number | null }[]
}

export interface ScorecardReport {
  month: string
  truncated: boolean
  weights: Record<string, number>
  items: Scorecard[]
}

export interface Site {
  id: string
  name: string
}

export interface Building {
  id: string
  siteId: string
  name: string
}

export interface Equipment {
  id: string
  buildingId: string
  type: EquipmentType
}
