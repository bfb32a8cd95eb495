import type { FastifyInstance } from 'fastify'
import type { VigilMetrics } from '../core/metrics/vigil-metrics.js'

/** Counts every request and times it, labelled by route template (never by raw URL: ids would explode the series). */
export function installRequestMetrics(app: FastifyInstance, metrics: VigilMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.api.requests.inc({ method: request.method, route, status: String(reply.statusCode) })
    metrics.api.requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000)
  })
}
