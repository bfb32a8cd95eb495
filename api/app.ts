import path from 'node:path'
import Fastify, { LogController } from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
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
import type { RedisKeys } from '../core/redis/redis-keys.js'

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
    // Unknown fields are an error that names them, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } }
  })
  installProblemHandlers(app)
  installAuth(app, deps.tokens)
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

  const workOrders = new WorkOrderRepository(deps.redis, deps.keys)
  healthRoutes(app, deps)
  metricsRoutes(app, metrics)
  const telemetry = new TelemetryQueries({ raw: deps.influx, rollups: deps.rollups, rawRetentionMs: deps.rawRetentionMs ?? 30 * 86_400_000, now })
  equipmentRoutes(app, { registry: deps.registry, telemetry, now })
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
  const transitions = new WorkOrderTransitions({ workOrders, now })
  workOrderRoutes(app, { workOrders, service: new WorkOrderService({ workOrders, registry: deps.registry, now }), transitions, now })
  await app.ready()
  return app
}
