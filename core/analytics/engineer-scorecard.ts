import type { Engineer } from '../domain/engineer.js'
import type { WorkOrder } from '../domain/work-order.js'
import type { OccupantRequest } from '../occupant/occupant-request.js'
import { HOUR_MS, coveredMs, inPeriod, mean, monthPeriod } from './period.js'
import type { Period } from './period.js'
import type { ScorecardConfig, ScorecardMeasure } from './scorecard-config.js'
import { rosteredHoursInMonth } from './shift-hours.js'
import { engineerOf, firstTimeFix, ratingsIn, responseWithinDeadline } from './work-order-kpis.js'

/** One measure of one engineer's month: what was found, its 0–1 score, and what it was worked out from. */
export interface MeasureResult {
  measure: ScorecardMeasure
  /** The measured quantity in its own unit (a share, hours, a rating, a count); null: nothing to measure. */
  value: number | null
  /** 0 (worst) to 1 (best); null when there was nothing to score: the measure is left out. */
  score: number | null
  basis: string
}

export interface DimensionResult {
  id: string
  title: string
  /** The dimension's configured (or overridden) weight. */
  weight: number
  /** 0–100, the mean of its measures' scores; null when none of them had anything to score. */
  score: number | null
  measures: MeasureResult[]
}

export interface EngineerScorecard {
  engineerId: string
  name: string
  month: string
  /** 0–100: the weighted mean of the dimensions that have a score (the weights of the others are shared out); null when none has. */
  score: number | null
  dimensions: DimensionResult[]
}

export interface ScorecardInput {
  engineer: Engineer
  /** Every work order that may bear on the month, anyone's: complaints are traced through others' work too. */
  workOrders: readonly WorkOrder[]
  /** Occupants' complaints and suggestions. */
  requests: readonly OccupantRequest[]
  /** Now: deadlines ahead of it are not decided, work still in progress counts until it. */
  asOfMs: number
}

type Measured = Omit<MeasureResult, 'measure'>

const none = (basis: string): Measured => ({ value: null, score: null, basis })
const share = (count: number, of: number, what: string): Measured => (of === 0 ? none(`no ${what}`) : { value: count / of, score: count / of, basis: `${count} of ${of} ${what}` })
const hours = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / HOUR_MS

/** The last day of a `YYYY-MM` month as `YYYY-MM-DD`. */
function lastDayOf(month: string): string {
  const period = monthPeriod(month)
  return new Date(period.toMs - 1).toISOString().slice(0, 10)
}

/**
 * Complaints of the month that count against the engineer: the latest work on the complaint's
 * equipment resolved within `complaintDays` before it was theirs. Complaints carry no engineer,
 * so this is the nearest honest link: who last worked there.
 */
export function complaintsAgainst(engineerId: string, complaints: readonly OccupantRequest[], workOrders: readonly WorkOrder[], complaintDays: number): OccupantRequest[] {
  return complaints.filter((complaint) => {
    const atMs = Date.parse(complaint.createdAt)
    const sinceMs = atMs - complaintDays * 24 * HOUR_MS
    const latest = workOrders
      .filter((workOrder) => workOrder.equipmentId === complaint.equipmentId && workOrder.resolvedAt !== undefined && Date.parse(workOrder.resolvedAt) >= sinceMs && Date.parse(workOrder.resolvedAt) <= atMs)
      .sort((a, b) => Date.parse(b.resolvedAt ?? '') - Date.parse(a.resolvedAt ?? ''))[0]
    return latest !== undefined && engineerOf(latest) === engineerId
  })
}

/** Every measure of the catalogue for one engineer and month. */
export function measureEngineer(input: ScorecardInput, month: string, config: ScorecardConfig): Record<ScorecardMeasure, Measured> {
  const { engineer, asOfMs } = input
  const period: Period = monthPeriod(month)
  const mine = input.workOrders.filter((workOrder) => engineerOf(workOrder) === engineer.id)
  const resolved = mine.filter((workOrder) => workOrder.resolution !== undefined && inPeriod(workOrder.resolvedAt, period))
  const ratings = ratingsIn(mine, period)

  const response = responseWithinDeadline(mine, period, asOfMs)
  const fixes = firstTimeFix(mine, period)
  const meanRating = mean(ratings)

  const completion = mean(resolved.flatMap((workOrder) => (workOrder.acceptedAt === undefined || workOrder.resolvedAt === undefined ? [] : [hours(workOrder.acceptedAt, workOrder.resolvedAt)])))
  const target = config.targets.completionHours

  const rostered = rosteredHoursInMonth(engineer.shifts, month)
  const endOfWork = Math.min(asOfMs, period.toMs)
  const working = mine.flatMap((workOrder) => {
    if (workOrder.startedAt === undefined) return []
    const end = workOrder.resolvedAt ?? workOrder.cancelledAt
    return [[Date.parse(workOrder.startedAt), end === undefined ? endOfWork : Date.parse(end)] as const]
  })
  const onWorkOrders = coveredMs(working, period) / HOUR_MS

  const lastDay = lastDayOf(month)
  const validCertificates = engineer.certificates.filter((certificate) => certificate.expiresAt >= lastDay).length

  const complaints = complaintsAgainst(
    engineer.id,
    input.requests.filter((request) => request.kind === 'complaint' && inPeriod(request.createdAt, period)),
    input.workOrders,
    config.targets.complaintDays
  )
  const sites = new Set(engineer.sites.map((site) => site.siteId))
  const suggestions = input.requests.filter((request) => request.kind === 'suggestion' && sites.has(request.siteId) && inPeriod(request.answer?.at, period))

  return {
    response_in_deadline: share(response.count, response.of, 'response deadlines met'),
    first_time_fix: share(fixes.count, fixes.of, 'corrective work orders fixed first time'),
    rating: meanRating === null ? none('no ratings') : { value: meanRating, score: (meanRating - 1) / 4, basis: `mean of ${ratings.length} ratings (1–5)` },
    completion_time:
      completion === null ? none('no work resolved after being accepted') : { value: completion, score: completion <= target ? 1 : target / completion, basis: `mean accepted → resolved ${completion.toFixed(1)} h, target ${target} h` },
    shift_share_on_work_orders:
      rostered === 0
        ? none('no shifts rostered')
        : { value: onWorkOrders / rostered, score: Math.min(1, onWorkOrders / rostered / config.targets.shiftShareOnWorkOrders), basis: `${onWorkOrders.toFixed(1)} h on work orders of ${rostered} h rostered, target share ${config.targets.shiftShareOnWorkOrders}` },
    incidents: none('Vigil records no safety incidents yet: not scored'),
    certificates_valid: share(validCertificates, engineer.certificates.length, `certificates valid through ${lastDay}`),
    complaints:
      resolved.length === 0
        ? { value: complaints.length, score: null, basis: `${complaints.length} complaints, no work resolved to weigh them against` }
        : { value: complaints.length, score: Math.max(0, 1 - complaints.length / resolved.length), basis: `${complaints.length} complaints after ${resolved.length} work orders resolved` },
    good_ratings: share(ratings.filter((score) => score >= 4).length, ratings.length, 'ratings of 4 or 5'),
    suggestions_adopted: share(suggestions.filter((request) => request.answer?.adopted === true).length, suggestions.length, "occupants' suggestions answered at their sites adopted")
  }
}

/** The engineer's scorecard for a month, each dimension the mean of its measures, the total weighted. */
export function engineerScorecard(input: ScorecardInput, month: string, config: ScorecardConfig): EngineerScorecard {
  const measured = measureEngineer(input, month, config)
  const dimensions = Object.entries(config.dimensions).map(([id, dimension]): DimensionResult => {
    const measures = dimension.measures.map((measure): MeasureResult => ({ measure, ...measured[measure] }))
    const score = mean(measures.flatMap((measure) => (measure.score === null ? [] : [measure.score])))
    return { id, title: dimension.title, weight: dimension.weight, score: score === null ? null : score * 100, measures }
  })
  const scored = dimensions.filter((dimension) => dimension.score !== null && dimension.weight > 0)
  const weights = scored.reduce((sum, dimension) => sum + dimension.weight, 0)
  const score = weights === 0 ? null : scored.reduce((sum, dimension) => sum + dimension.weight * (dimension.score ?? 0), 0) / weights
  return { engineerId: input.engineer.id, name: input.engineer.name, month, score, dimensions }
}
