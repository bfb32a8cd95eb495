import type { FastifyInstance } from 'fastify'
import type { InfluxStore } from '../../core/influx/influx-store.js'
import type { Redis } from '../../core/redis/redis-connection.js'
import { PROBLEM_TYPES, sendProblem } from '../problem.js'

/** `/healthz`: the process answers. `/readyz`: it can reach Redis and InfluxDB, so it can do its work. */
export function healthRoutes(app: FastifyInstance, deps: { redis: Redis; influx: InfluxStore }): void {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness: the process answers' } }, () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { tags: ['health'], summary: 'Readiness: Redis and InfluxDB are reachable (503 naming what is not)' } }, async (request, reply) => {
    const withTimeout = <T>(work: Promise<T>): Promise<T> =>
      Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref())])
    const [redis, influx] = await Promise.allSettled([withTimeout(deps.redis.ping()), withTimeout(deps.influx.ping())])
    const down = [redis.status === 'rejected' ? `Redis: ${String(redis.reason)}` : '', influx.status === 'rejected' ? `InfluxDB: ${String(influx.reason)}` : ''].filter(Boolean)
    if (down.length > 0) {
      return sendProblem(reply, { type: PROBLEM_TYPES.unavailable, title: 'Not ready', status: 503, detail: down.join('; '), instance: request.url })
    }
    return { status: 'ready' }
  })
}
