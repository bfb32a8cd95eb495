import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AlertStore } from '../../core/alerts/alert-store.js'
import { EQUIPMENT_TYPES } from '../../core/domain/equipment.js'
import { fleetOverview } from '../../core/domain/fleet-overview.js'
import type { HealthReport } from '../../core/health/health-report.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { Id, ProblemSchema, literals } from '../schemas.js'
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js'

export interface FleetOverviewDeps {
  registry: RegistryStore
  alerts: AlertStore
  workOrders: WorkOrderRepository
  redis: Redis
  keys: RedisKeys
}

/** Open alerts and work orders read for one overview; an estate with more shows the newest. */
const OVERVIEW_READ_LIMIT = 10_000

const Counts = Type.Object({ urgent: Type.Integer(), normal: Type.Integer(), low: Type.Integer() })
const OverviewSchema = Type.Object({
  sites: Type.Array(Type.Object({ id: Id, name: Type.String(), timezone: Type.String(), buildings: Type.Array(Type.Object({ id: Id, name: Type.String() })) })),
  items: Type.Array(
    Type.Object({
      equipmentId: Id,
      name: Type.String(),
      type: literals(EQUIPMENT_TYPES),
      siteId: Id,
      buildingId: Id,
      location: Type.String(),
      health: Type.Union([Type.Number(), Type.Null()], { description: 'Latest health score 0–100; null before the first' }),
      openAlerts: Type.Integer(),
      workOrders: Counts
    })
  )
})

/** The fleet overview screen's data in one call: sites and buildings, and a tile per equipment. */
export function fleetOverviewRoutes(app: FastifyInstance, deps: FleetOverviewDeps): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/fleet/overview',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['health'],
        summary: 'The fleet at a glance: each equipment with its health, open alerts and active work orders by priority',
        description: 'For the web app\'s overview. Sites carry their buildings for grouping; items come worst health first, equipment not yet scored last.',
        querystring: Type.Object({ siteId: Type.Optional(Id), type: Type.Optional(literals(EQUIPMENT_TYPES)) }, { additionalProperties: false }),
        response: { 200: OverviewSchema, 400: ProblemSchema }
      }
    },
    async (request) => {
      const { siteId, type } = request.query
      const [sites, buildings, equipment, healthHash, alerts, workOrders] = await Promise.all([
        deps.registry.listSites(),
        deps.registry.listBuildings({ siteId }),
        deps.registry.listEquipment({ siteId, type }),
        deps.redis.hgetall(deps.keys.health),
        deps.alerts.list({ status: 'open', limit: OVERVIEW_READ_LIMIT }),
        deps.workOrders.list({ limit: OVERVIEW_READ_LIMIT })
      ])
      const health = new Map(Object.entries(healthHash).map(([id, json]) => [id, (JSON.parse(json) as HealthReport).score]))
      return {
        sites: sites
          .filter((site) => siteId === undefined || site.id === siteId)
          .map((site) => ({ id: site.id, name: site.name, timezone: site.timezone, buildings: buildings.filter((b) => b.siteId === site.id).map((b) => ({ id: b.id, name: b.name })) })),
        items: fleetOverview(equipment, health, alerts, workOrders)
      }
    }
  )
}
