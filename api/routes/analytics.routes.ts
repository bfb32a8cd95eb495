import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { complaintRates } from '../../core/analytics/complaint-rate.js'
import { engineerScorecard } from '../../core/analytics/engineer-scorecard.js'
import { hotSpots } from '../../core/analytics/hot-spots.js'
import { mtbfByEquipment } from '../../core/analytics/mtbf.js'
import { groupBy, monthPeriod, yearPeriod } from '../../core/analytics/period.js'
import type { Period } from '../../core/analytics/period.js'
import { ruleOutcomes } from '../../core/analytics/rule-outcomes.js'
import { overrideWeights } from '../../core/analytics/scorecard-config.js'
import type { ScorecardConfig } from '../../core/analytics/scorecard-config.js'
import { seasonalTrend } from '../../core/analytics/seasonal-trend.js'
import { engineerOf, workOrderKpis } from '../../core/analytics/work-order-kpis.js'
import type { ApiPrincipal } from '../../core/auth/api-tokens.js'
import { EQUIPMENT_TYPES } from '../../core/domain/equipment.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'
import { ComplaintReportSchema, HotSpotQuery, HotSpotReportSchema, KpiQuery, KpiReportSchema, PeriodSiteQuery, RuleReportSchema, ScorecardQuery, ScorecardReportSchema, SeasonalQuery, SeasonalReportSchema } from '../analytics-schemas.js'
import { loadAnalyticsData } from '../analytics/analytics-data.js'
import type { AnalyticsDataDeps } from '../analytics/analytics-data.js'
import { periodOfQuery } from '../analytics/analytics-period.js'
import { PROBLEM_TYPES, ProblemError, badRequest } from '../problem.js'
import { ProblemSchema } from '../schemas.js'

export interface AnalyticsRouteDeps extends AnalyticsDataDeps {
  registry: RegistryStore
  engineers: EngineerStore
  /** The scorecard's dimensions, weights and targets (SCORECARD_FILE). */
  scorecard: ScorecardConfig
  now: () => number
}

const MANAGERS = ['admin', 'manager'] as const
const MANAGERS_AND_ENGINEERS = ['admin', 'manager', 'engineer'] as const
const TAGS = ['analytics']
const PERIOD_NOTE = 'The period is `month` (UTC), or [`from`, `to`); neither: the current month. Work orders and feedback (Redis) and alerts opened (InfluxDB alert_events) are read newest first, at most 20,000 of each; `truncated` says the limit cut off older ones.'

const iso = (ms: number): string => new Date(ms).toISOString()

function principalOf(request: FastifyRequest): ApiPrincipal {
  if (request.principal === undefined) throw new Error('auth hook did not set a principal')
  return request.principal
}

/** An engineer sees only their own numbers: the engineer the query names, which must be theirs. */
function ownEngineerScope(principal: ApiPrincipal, engineerId: string | undefined): string | undefined {
  if (principal.role !== 'engineer') return engineerId
  if (engineerId !== undefined && engineerId !== principal.engineerId) {
    throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: `an engineer reads only their own KPIs and scorecard: ask for engineerId=${principal.engineerId ?? '(none)'} or leave it out` })
  }
  return principal.engineerId
}

/** KPIs, fault hot spots, seasonal trends, detection rules' outcomes, complaint rates and engineer scorecards. */
export function analyticsRoutes(app: FastifyInstance, deps: AnalyticsRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const load = (period: Period, siteId?: string) => loadAnalyticsData(deps, period, siteId)

  api.get(
    '/api/v1/analytics/kpis',
    {
      config: { roles: MANAGERS_AND_ENGINEERS },
      schema: {
        tags: TAGS,
        summary: 'Work-order KPIs for a period: overall, per site, per engineer, and MTBF per equipment',
        description: `Response within deadline (accepted by responseDueAt, among deadlines in the period), first-time fix (corrective work resolved in the period, fixed on the first visit, never reopened), MTTA = mean(acceptedAt − createdAt) over work accepted in the period, MTTR = mean(resolvedAt − createdAt) over corrective work resolved in the period, mean rating; MTBF per equipment = (period hours − downtime) / failures, a failure being corrective work created in the period. An engineer's token sees only its own work (sites and equipment left empty). ${PERIOD_NOTE}`,
        querystring: KpiQuery,
        response: { 200: KpiReportSchema, 400: ProblemSchema, 403: ProblemSchema }
      }
    },
    async (request) => {
      const principal = principalOf(request)
      const engineerId = ownEngineerScope(principal, request.query.engineerId)
      const period = periodOfQuery(request.query, deps.now())
      const data = await load(period, request.query.siteId)
      const asOf = deps.now()
      const workOrders = engineerId === undefined ? data.workOrders : data.workOrders.filter((workOrder) => engineerOf(workOrder) === engineerId)
      const perEngineer = principal.role === 'engineer' || engineerId !== undefined
      return {
        from: iso(period.fromMs),
        to: iso(period.toMs),
        truncated: data.truncated,
        overall: workOrderKpis(workOrders, period, asOf),
        sites: principal.role === 'engineer' ? [] : [...groupBy(workOrders, (workOrder) => workOrder.siteId)].map(([siteId, orders]) => ({ siteId, ...workOrderKpis(orders, period, asOf) })),
        engineers: [...groupBy(workOrders, engineerOf)].map(([id, orders]) => ({ engineerId: id, ...workOrderKpis(orders, period, asOf) })).filter((row) => !perEngineer || row.engineerId === engineerId),
        equipment: principal.role === 'engineer' ? [] : mtbfByEquipment(workOrders, period)
      }
    }
  )

  api.get(
    '/api/v1/analytics/hot-spots',
    {
      config: { roles: MANAGERS },
      schema: {
        tags: TAGS,
        summary: 'Fault hot spots: equipment and locations ranked by alerts and corrective work orders',
        description: `Alerts opened plus corrective work orders created in the period, per equipment and per location (building and the equipment's location text), most first. ${PERIOD_NOTE}`,
        querystring: HotSpotQuery,
        response: { 200: HotSpotReportSchema, 400: ProblemSchema }
      }
    },
    async (request) => {
      const period = periodOfQuery(request.query, deps.now())
      const [data, equipment] = await Promise.all([load(period, request.query.siteId), deps.registry.listEquipment(request.query.siteId === undefined ? {} : { siteId: request.query.siteId })])
      return { from: iso(period.fromMs), to: iso(period.toMs), truncated: data.truncated, ...hotSpots(data.alerts, data.workOrders, equipment, period, request.query.limit ?? 10) }
    }
  )

  api.get(
    '/api/v1/analytics/seasonal',
    {
      config: { roles: MANAGERS },
      schema: {
        tags: TAGS,
        summary: 'Seasonal trend: alerts, failures and MTTR by month and equipment type',
        description: 'Twelve UTC months of the year, each equipment type (or the one asked for), zeros included. Failures are corrective work orders created that month; MTTR is over corrective work resolved that month.',
        querystring: SeasonalQuery,
        response: { 200: SeasonalReportSchema, 400: ProblemSchema }
      }
    },
    async (request) => {
      const { year, equipmentType, siteId } = request.query
      const [data, equipment] = await Promise.all([load(yearPeriod(year), siteId), deps.registry.listEquipment(siteId === undefined ? {} : { siteId })])
      const types = new Map(equipment.map((item) => [item.id, item.type]))
      return { year, truncated: data.truncated, items: seasonalTrend(year, equipmentType === undefined ? EQUIPMENT_TYPES : [equipmentType], data.alerts, data.workOrders, (id) => types.get(id)) }
    }
  )

  api.get(
    '/api/v1/analytics/rules',
    {
      config: { roles: MANAGERS },
      schema: {
        tags: TAGS,
        summary: "Per detection rule: its alerts, the share that led to a real fix and its false-alarm rate",
        description: `For the alerts each rule opened in the period: realFix = alerts whose work order was resolved with a code other than no_fault_found; falseAlarm = alerts whose work order was resolved no_fault_found; both over all the rule's alerts (work not yet resolved is neither). Highest false-alarm rate first. ${PERIOD_NOTE}`,
        querystring: PeriodSiteQuery,
        response: { 200: RuleReportSchema, 400: ProblemSchema }
      }
    },
    async (request) => {
      const period = periodOfQuery(request.query, deps.now())
      const data = await load(period, request.query.siteId)
      return { from: iso(period.fromMs), to: iso(period.toMs), truncated: data.truncated, items: ruleOutcomes(data.alerts, data.workOrders, period) }
    }
  )

  api.get(
    '/api/v1/analytics/complaints',
    {
      config: { roles: MANAGERS },
      schema: {
        tags: TAGS,
        summary: "Occupants' complaints per site, per 100 equipment",
        description: `Complaints sent from the QR pages in the period, and per 100 equipment registered at the site now (per equipment, not per work order: a site should not look better for repairing more). ${PERIOD_NOTE}`,
        querystring: PeriodSiteQuery,
        response: { 200: ComplaintReportSchema, 400: ProblemSchema }
      }
    },
    async (request) => {
      const period = periodOfQuery(request.query, deps.now())
      const { siteId } = request.query
      const [data, sites, equipment] = await Promise.all([load(period, siteId), deps.registry.listSites(), deps.registry.listEquipment(siteId === undefined ? {} : { siteId })])
      const shown = siteId === undefined ? sites : sites.filter((site) => site.id === siteId)
      return { from: iso(period.fromMs), to: iso(period.toMs), truncated: data.truncated, items: complaintRates(data.feedback, shown, equipment, period) }
    }
  )

  api.get(
    '/api/v1/analytics/scorecards',
    {
      config: { roles: MANAGERS_AND_ENGINEERS },
      schema: {
        tags: TAGS,
        summary: "Engineers' monthly scorecards, weighted by configurable dimensions",
        description:
          'By default (SCORECARD_FILE): service quality 30 (response in deadline, first-time fix, rating), efficiency 25 (accepted → resolved time against a target, share of rostered shift hours on started work orders), safety and compliance 20, communication 15 (complaints traced to the engineer who last resolved work on that equipment, ratings of 4 or 5), improvement 10 (suggestions answered as adopted at the engineer\'s sites). Vigil records no safety incidents yet: that measure is never scored, so safety and compliance rests on certificates valid through the month\'s end. A measure with nothing to measure is left out, and a dimension with no measure left gives its weight to the others. Each measure shows its value and basis. `weights` overrides the weights for one request (managers and admins). An engineer\'s token sees only its own scorecard.',
        querystring: ScorecardQuery,
        response: { 200: ScorecardReportSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const principal = principalOf(request)
      const engineerId = ownEngineerScope(principal, request.query.engineerId)
      let config = deps.scorecard
      if (request.query.weights !== undefined) {
        if (principal.role === 'engineer') throw new ProblemError({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: 'only managers and admins may override the scorecard weights; leave weights out' })
        const overridden = overrideWeights(config, request.query.weights)
        if (typeof overridden === 'string') throw badRequest('querystring.weights', overridden)
        config = overridden
      }
      const { month } = request.query
      const period = monthPeriod(month)
      const [data, team] = await Promise.all([load(period), deps.engineers.list()])
      const engineers = engineerId === undefined ? team : team.filter((engineer) => engineer.id === engineerId)
      if (engineerId !== undefined && engineers.length === 0) throw new ProblemError({ type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `engineer ${engineerId} does not exist` })
      const asOfMs = deps.now()
      return {
        month,
        truncated: data.truncated,
        weights: Object.fromEntries(Object.entries(config.dimensions).map(([id, dimension]) => [id, dimension.weight])),
        items: engineers.map((engineer) => engineerScorecard({ engineer, workOrders: data.workOrders, requests: data.feedback, asOfMs }, month, config)).sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.engineerId.localeCompare(b.engineerId))
      }
    }
  )
}
