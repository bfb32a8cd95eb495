export type Band = 'critical' | 'warning' | 'good' | 'unknown'
export const BANDS: readonly Band[] = ['critical', 'warning', 'good', 'unknown']

/** One equipment's new score, as the live stream's `health` event carries it. */
export interface HealthChange {
  equipmentId: string
  score: number
}

/** Health bands: below 50 needs attention now, below 80 soon. */
export function bandOf(health: number | null): Band {
  if (health === null) return 'unknown'
  return health < 50 ? 'critical' : health < 80 ? 'warning' : 'good'
}
