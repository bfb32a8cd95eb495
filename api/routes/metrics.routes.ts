import type { FastifyInstance } from 'fastify'
import type { VigilMetrics } from '../../core/metrics/vigil-metrics.js'

/** Prometheus text format; scrape with a bearer token of role admin, manager or service. */
export function metricsRoutes(app: FastifyInstance, metrics: VigilMetrics): void {
  app.get(
    '/metrics',
    { config: { roles: ['admin', 'manager', 'service'] }, schema: { tags: ['operations'], summary: 'Prometheus metrics of this process' } },
    async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  )
}
