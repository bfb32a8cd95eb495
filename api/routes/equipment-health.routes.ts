import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { HealthReport } from '../../core/health/health-report.js'
import { quoteString } from '../../core/influx/influx-store.js'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import type { RedisKeys } from '../../core/redis/redis-keys.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { ProblemError, PROBLEM_TYPES, notFound } from '../problem.js'
import { HealthHistorySchema, HealthReportSchema, Id, ListOf, ProblemSchema } from '../schemas.js'
import { resolveTrendWindow } from '../trend-window.js'

export interface EquipmentHealthDeps {
  redis: Redis
  keys: RedisKeys
  influx: InfluxStore
  registry: RegistryStore
  now: () => number
}

/** Health scores: the latest of each equipment with its reasons (Redis), and their trend (InfluxDB `health`). */
export function equipmentHealthRoutes(app: FastifyInstance, deps: EquipmentHealthDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/health',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['health'],
        summary: 'The latest health score of every equipment, worst first',
        querystring: Type.Object({ siteId: Type.Optional(Id), below: Type.Optional(Type.Integer({ minimum: 0, maximum: 101 })) }, { additionalProperties: false }),
        response: { 200: ListOf(HealthReportSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const all = Object.values(await deps.redis.hgetall(deps.keys.health)).map((json) => JSON.parse(json) as HealthReport)
      const { siteId, below } = request.query
      return {
        items: all
          .filter((report) => (siteId === undefined || report.siteId === siteId) && (below === undefined || report.score < below))
          .sort((a, b) => a.score - b.score || a.equipmentId.localeCompare(b.equipmentId))
      }
    }
  )

  api.get(
    '/api/v1/equipment/:id/health',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['health'],
        summary: "An equipment's latest health score, 0–100, with the reasons it is not 100",
        params: Type.Object({ id: Id }),
        response: { 200: HealthReportSchema, 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request) => {
      const json = await deps.redis.hget(deps.keys.health, request.params.id)
      if (json !== null) return JSON.parse(json) as HealthReport
      if ((await deps.registry.getEquipment(request.params.id)) === undefined) throw notFound(`equipment ${request.params.id}`)
      throw new ProblemError({
        type: PROBLEM_TYPES.conflict,
        title: 'No health score yet',
        status: 409,
        detail: `equipment ${request.params.id} has no health score yet: the rules engine scores equipment once it has evaluated its readings (every HEALTH_EVERY)`
      })
    }
  )

  api.get(
    '/api/v1/equipment/:id/health/history',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['health'],
        summary: "An equipment's health score over time: mean and minimum per bucket",
        params: Type.Object({ id: Id }),
        querystring: Type.Object(
          { from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), every: Type.Optional(Type.String({ examples: ['1h'] })) },
          { additionalProperties: false }
        ),
        response: { 200: HealthHistorySchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const equipment = await deps.registry.getEquipment(request.params.id)
      if (equipment === undefined) throw notFound(`equipment ${request.params.id}`)
      const window = resolveTrendWindow({ from: request.query.from, to: request.query.to, every: request.query.every }, deps.now())
      const series = await deps.influx.query(
        `SELECT mean("score"), min("score") FROM "health" WHERE "equipment" = ${quoteString(equipment.id)} AND time >= ${window.fromMs}ms AND time < ${window.toMs}ms GROUP BY time(${window.everyMs}ms)`
      )
      const points = (series[0]?.values ?? [])
        .filter((row) => typeof row[1] === 'number')
        .map((row) => ({ time: new Date(row[0] as number).toISOString(), mean: Math.round((row[1] as number) * 10) / 10, min: row[2] as number }))
      return { equipmentId: equipment.id, from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString(), everyMs: window.everyMs, points }
    }
  )
}
