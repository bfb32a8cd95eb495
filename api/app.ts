import path from 'node:path'
import Fastify, { LogController } from 'fastify'
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { AlertStore } from '../core/alerts/alert-store.js'
import type { ApiTokenStore } from '../core/auth/api-tokens.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import type { Logger } from '../core/logger.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RegistryStore } from '../core/registry/registry-store.js'
import { installAuth } from './auth.js'
import { installRequestMetrics } from './request-metrics.js'
import { metricsRoutes } from './routes/metrics.routes.js'
import { createMetrics } from '../core/metrics/vigil-metrics.js'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'
import { installProblemHandlers } from './problem.js'
import { alertRoutes } from './routes/alerts.routes.js'
import { maintenanceWindowRoutes } from './routes/maintenance-windows.routes.js'
import { equipmentHealthRoutes } from './routes/equipment-health.routes.js'
import { equipmentRuleRoutes } from './routes/equipment-rules.routes.js'
import { RuleOverrideStore } from '../rules/rule-overrides.js'
import { projectRoot } from '../core/project-root.js'
import { AlertEventStreams } from './alert-event-stream.js'
import { AlertEventLog } from '../core/alerts/alert-event-log.js'
import { MaintenanceWindowStore } from '../core/maintenance/maintenance-window-store.js'
import { deadLetterRoutes } from './routes/dead-letters.routes.js'
import { deviceRoutes } from './routes/devices.routes.js'
import type { DeadLetterStore } from '../core/dead-letters/dead-letter-store.js'
import { DEFAULT_DECODE_LIMITS } from '../core/telemetry/decode-telemetry.js'
import type { DecodeLimits } from '../core/telemetry/decode-telemetry.js'
import { equipmentRoutes } from './routes/equipment.routes.js'
import { healthRoutes } from './routes/health.routes.js'
import { workOrderRoutes } from './routes/work-orders.routes.js'
import { TelemetryQueries } from './telemetry-queries.js'
import { WorkOrderRepository } from './work-orders/work-order.repository.js'
import { WorkOrderService } from './work-orders/work-order.service.js'
import { WorkOrderTransitions } from './work-orders/work-order-transitions.js'
import { startResponseDeadlines } from './work-orders/response-deadlines.js'
import { ResponseEscalation } from './work-orders/response-escalation.js'
import { WorkOrderDispatch, awaitsDispatch } from './work-orders/work-order-dispatch.js'
import { startPeriodicJob } from './jobs/periodic-job.js'
import { serveWebApp } from './web-app.js'
import { meRoutes } from './routes/me.routes.js'
import { fleetOverviewRoutes } from './routes/fleet-overview.routes.js'
import { PlanStore } from '../core/maintenance/plan-store.js'
import { NoticeStore } from '../core/notices/notice-store.js'
import { noticeRoutes } from './routes/notices.routes.js'
import { MeterReadings } from './maintenance/meter-readings.js'
import { PlanScheduler } from './maintenance/plan-scheduler.js'
import { maintenancePlanRoutes } from './routes/maintenance-plans.routes.js'
import { RatingLinks } from './work-orders/rating-links.js'
import { workOrderRatingRoutes } from './routes/work-order-ratings.routes.js'
import { siteSupervisors } from '../core/domain/dispatch-eligibility.js'
import { RESPONSE_MINUTES } from '../core/domain/work-order.js'
import type { Config } from '../core/config/config.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { siteRoutes } from './routes/sites.routes.js'
import { buildingRoutes } from './routes/buildings.routes.js'
import { equipmentQrRoutes } from './routes/equipment-qr.routes.js'
import { engineerRoutes } from './routes/engineers.routes.js'
import { apiTokenRoutes } from './routes/api-tokens.routes.js'
import { userAccountRoutes } from './routes/user-accounts.routes.js'
import { EngineerStore } from '../core/registry/engineer-store.js'
import { DEFAULT_RATE_LIMITS, installRateLimit } from './rate-limit.js'
import type { RateLimits } from './rate-limit.js'
import os from 'node:os'
import multipart from '@fastify/multipart'
import { PhotoStore } from '../core/photos/photo-store.js'
import { workOrderPhotoRoutes } from './routes/work-order-photos.routes.js'
import { occupantKeys } from '../core/occupant/occupant-keys.js'
import { OccupantRequestStore } from '../core/occupant/occupant-request-store.js'
import { SelfHelpTipStore } from '../core/occupant/self-help-tip-store.js'
import { DEFAULT_REPORT_LIMITS, ReportThrottle } from '../core/occupant/report-throttle.js'
import type { ReportLimits } from '../core/occupant/report-throttle.js'
import { OccupantRequestIntake } from './occupant-request-intake.js'
import { occupantReportRoutes } from './routes/occupant-report.routes.js'
import { occupantRequestRoutes } from './routes/occupant-requests.routes.js'
import { selfHelpTipRoutes } from './routes/occupant-self-help.routes.js'
import { DEFAULT_NOTIFICATION_POLICY, installNotifications } from './notifications/notifications.js'
import { analyticsRoutes } from './routes/analytics.routes.js'
import { AlertHistory } from './analytics/alert-history.js'
import { loadScorecardFile } from './analytics/scorecard-file.js'

export interface ApiDeps {
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
  /** The rollups' database; without it trends are always read from raw readings. */
  rollups?: InfluxStore
  /** How long raw readings are kept (RAW_RETENTION). */
  rawRetentionMs?: number
  registry: RegistryStore
  alerts: AlertStore
  tokens: ApiTokenStore
  logger: Logger
  /** The process's metrics; /metrics serves their registry. */
  metrics?: VigilMetrics
  deadLetters: DeadLetterStore
  /** Ingest's checks, for replaying dead letters (retention, payload size). */
  decodeLimits?: DecodeLimits
  now?: () => number
  /** The rule files (RULES_DIR); default: the shipped rules. */
  rulesDir?: string
  /** Response deadlines and the verification window (config.workOrders); defaults: 30 min / 2 h / 24 h, 72 h. */
  workOrderPolicy?: Config['workOrders']
  /** Where people reach Vigil (PUBLIC_BASE_URL): QR stickers link to `{publicBaseUrl}/r/{code}`. Unset: the request's own address. */
  publicBaseUrl?: string
  /** Proxies in front that append X-Forwarded-For (API_TRUSTED_PROXY_HOPS); default 0: the peer's own address. */
  trustedProxyHops?: number
  /** Requests per minute per token and per address (API_RATE_LIMIT_*); default 600 and 120. */
  rateLimits?: RateLimits
  /** The built web app (web/dist); default: the project's. */
  webRoot?: string
  /** Give new, declined and reopened work orders to an engineer at once (default: on). */
  autoDispatch?: boolean
  /** Run the API's background jobs (response deadlines through BullMQ). Off in tests that do not need them. */
  jobs?: boolean
  /** Sees every route as it is added (tests: the role matrix walks them all). */
  onRoute?: (route: RouteOptions) => void
  /** Where photos are kept (DATA_DIR/photos, PHOTO_MAX_BYTES); default: a folder in the system's temp directory, 10 MiB. */
  photos?: PhotoStore
  /** Occupant reports taken per address and equipment, and per equipment (OCCUPANT_REQUEST*); default 5 and 30 an hour. */
  occupantReportLimits?: ReportLimits
  /** Webhook retries and timeout, reminder timing (config.notifications); default: WEBHOOK_* and REMINDER_* defaults. */
  notificationPolicy?: Config['notifications']
  /** The engineers' scorecard YAML (SCORECARD_FILE); default: the built-in scorecard (config/scorecard.yaml). */
  scorecardFile?: string
}

/** The REST API as a Fastify instance that does not listen: tests call `inject`, server.ts listens. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now
  const app = Fastify({
    // pino's Logger and Fastify's FastifyBaseLogger differ only in typing; without the cast the app's type
    // no longer matches the FastifyInstance the route modules take.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
    // Only hops we were told about: trusting X-Forwarded-For blindly lets anyone pick their address.
    trustProxy: (_address: string, hop: number) => hop < (deps.trustedProxyHops ?? 0),
    // Unknown fields are an error that names them, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } }
  })
  if (deps.onRoute !== undefined) app.addHook('onRoute', deps.onRoute)
  installProblemHandlers(app)
  installAuth(app, deps.tokens)
  await installRateLimit(app, { redis: deps.redis, keyPrefix: `${deps.keys.prefix}:rate-limit:`, limits: deps.rateLimits ?? DEFAULT_RATE_LIMITS })
  const metrics = deps.metrics ?? createMetrics('api')
  installRequestMetrics(app, metrics)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version: '1',
        description: 'Equipment monitoring and predictive maintenance. Send `Authorization: Bearer <token>`; errors are application/problem+json (RFC 9457) and name the bad field.'
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }]
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  // Limits are set per form by readPhotoForm; the plugin only parses.
  await app.register(multipart)
  // The public pages' plain forms (rating, "rate the repair") post urlencoded fields.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  const workOrders = new WorkOrderRepository(deps.redis, deps.keys)
  healthRoutes(app, deps)
  metricsRoutes(app, metrics)
  const telemetry = new TelemetryQueries({ raw: deps.influx, rollups: deps.rollups, rawRetentionMs: deps.rawRetentionMs ?? 30 * 86_400_000, now })
  siteRoutes(app, { registry: deps.registry })
  buildingRoutes(app, { registry: deps.registry })
  equipmentRoutes(app, { registry: deps.registry, telemetry, now })
  equipmentQrRoutes(app, { registry: deps.registry, publicBaseUrl: deps.publicBaseUrl })
  const engineers = new EngineerStore(deps.redis, deps.keys)
  engineerRoutes(app, { engineers, registry: deps.registry, tokens: deps.tokens, now })
  apiTokenRoutes(app, { tokens: deps.tokens, engineers })
  userAccountRoutes(app, { redis: deps.redis, keys: deps.keys, tokens: deps.tokens, engineers, now })
  meRoutes(app)
  const events = new AlertEventLog(deps.redis, deps.keys)
  const streams = new AlertEventStreams(events, deps.redis)
  // Open event streams would keep close() waiting for ever.
  app.addHook('preClose', (done) => {
    streams.close()
    done()
  })
  alertRoutes(app, { alerts: deps.alerts, events, streams, now })
  equipmentHealthRoutes(app, { redis: deps.redis, keys: deps.keys, influx: deps.influx, registry: deps.registry, now })
  equipmentRuleRoutes(app, { registry: deps.registry, overrides: new RuleOverrideStore(deps.redis, deps.keys), rulesDir: deps.rulesDir ?? path.join(projectRoot(), 'rules', 'config') })
  maintenanceWindowRoutes(app, { windows: new MaintenanceWindowStore(deps.redis, deps.keys), registry: deps.registry })
  deviceRoutes(app, { registry: deps.registry, now })
  deadLetterRoutes(app, { deadLetters: deps.deadLetters, registry: deps.registry, influx: deps.influx, limits: deps.decodeLimits ?? DEFAULT_DECODE_LIMITS, now })
  const policy = deps.workOrderPolicy ?? { responseMinutes: RESPONSE_MINUTES, verificationWindowMs: 72 * 3_600_000, ratingLinkMs: 48 * 3_600_000, dispatchSweepMs: 5 * 60_000, planSweepMs: 60_000 }
  const transitions = new WorkOrderTransitions({ workOrders, verificationWindowMs: policy.verificationWindowMs, engineerExists: async (id) => (await engineers.get(id)) !== undefined, now })
  const supervisorOf = async (siteId: string): Promise<string | undefined> => siteSupervisors(await engineers.list({ siteId }), siteId)[0]?.id
  const escalation = new ResponseEscalation({ workOrders, redis: deps.redis, keys: deps.keys, logger: deps.logger, supervisorOf, now })
  const deadlines = deps.jobs === true ? startResponseDeadlines({ redis: deps.redis, prefix: deps.keys.bullPrefix, escalate: (id, dueAt) => escalation.escalate(id, dueAt), logger: deps.logger }) : undefined
  if (deadlines !== undefined) app.addHook('onClose', () => deadlines.close())
  const dispatch =
    deps.autoDispatch === false
      ? undefined
      : new WorkOrderDispatch({
          workOrders,
          registry: deps.registry,
          team: engineers,
          assign: (id, engineerId, principal, note) => transitions.act(id, 'assign', principal, { engineerId, note }, awaitsDispatch),
          escalateNow: (id, why) => escalation.escalateNow(id, why),
          logger: deps.logger,
          now
        })
  const service = new WorkOrderService({ workOrders, registry: deps.registry, responseMinutes: policy.responseMinutes, deadlines, dispatch, now })
  if (dispatch !== undefined && deps.jobs === true) {
    const sweep = await startPeriodicJob({ name: 'work-order-dispatch-sweep', redis: deps.redis, prefix: deps.keys.bullPrefix, everyMs: policy.dispatchSweepMs, run: () => dispatch.sweep(), logger: deps.logger })
    app.addHook('onClose', () => sweep.close())
  }
  workOrderRoutes(app, {
    workOrders,
    service,
    transitions,
    escalation,
    registry: deps.registry,
    dispatch,
    now
  })
  const ratings = new RatingLinks({ redis: deps.redis, keys: deps.keys, workOrders, ttlMs: policy.ratingLinkMs, now })
  workOrderRatingRoutes(app, { ratings, workOrders, publicBaseUrl: deps.publicBaseUrl })
  const photos = deps.photos ?? new PhotoStore({ dir: path.join(os.tmpdir(), 'vigil-photos'), maxBytes: 10_485_760, now })
  workOrderPhotoRoutes(app, { workOrders, transitions, photos })
  const occupant = occupantKeys(deps.keys.prefix)
  const occupantRequests = new OccupantRequestStore(deps.redis, occupant)
  const tips = new SelfHelpTipStore(deps.redis, occupant, now)
  const notices = new NoticeStore(deps.redis, deps.keys)
  noticeRoutes(app, { notices, windows: new MaintenanceWindowStore(deps.redis, deps.keys), registry: deps.registry, now })
  occupantReportRoutes(app, {
    registry: deps.registry,
    tips,
    requests: occupantRequests,
    intake: new OccupantRequestIntake({ requests: occupantRequests, workOrders: service, photos, logger: deps.logger, now }),
    throttle: new ReportThrottle(deps.redis, occupant, deps.occupantReportLimits ?? DEFAULT_REPORT_LIMITS),
    photos,
    workOrders,
    ratings,
    notices,
    now,
    publicBaseUrl: deps.publicBaseUrl
  })
  occupantRequestRoutes(app, { requests: occupantRequests, photos, now })
  selfHelpTipRoutes(app, { tips })
  const plans = new PlanStore(deps.redis, deps.keys)
  const meters = new MeterReadings(deps.influx)
  maintenancePlanRoutes(app, { plans, registry: deps.registry, meters, now })
  if (deps.jobs === true) {
    const scheduler = new PlanScheduler({ plans, meters, workOrders: service, logger: deps.logger, now })
    const planSweep = await startPeriodicJob({ name: 'maintenance-plan-sweep', redis: deps.redis, prefix: deps.keys.bullPrefix, everyMs: policy.planSweepMs, run: () => scheduler.sweep(), logger: deps.logger })
    app.addHook('onClose', () => planSweep.close())
  }
  await installNotifications(app, { redis: deps.redis, keys: deps.keys, alerts: deps.alerts, workOrders, engineers, logger: deps.logger, policy: deps.notificationPolicy ?? DEFAULT_NOTIFICATION_POLICY, jobs: deps.jobs === true, now })
  analyticsRoutes(app, { workOrders, alertHistory: new AlertHistory(deps.influx), requests: occupantRequests, registry: deps.registry, engineers, scorecard: await loadScorecardFile(deps.scorecardFile), now })
  fleetOverviewRoutes(app, { registry: deps.registry, alerts: deps.alerts, workOrders, redis: deps.redis, keys: deps.keys })
  await serveWebApp(app, deps.webRoot ?? path.join(projectRoot(), 'web', 'dist'))
  await app.ready()
  return app
}
