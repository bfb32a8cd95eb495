import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sha256 } from '../core/auth/api-tokens.js'
import type { Redis } from '../core/redis/redis-connection.js'
import { PROBLEM_TYPES, ProblemError } from './problem.js'

export interface RateLimits {
  /** Requests per minute per API token; 0: no limit. Service tokens (the rules engine) are never limited. */
  perTokenPerMinute: number
  /** Requests per minute per client address on routes that take no token; 0: no limit. */
  perAddressPerMinute: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perTokenPerMinute: 600, perAddressPerMinute: 120 }

/** Probes poll these every few seconds from one address; limiting them would fail a healthy API. */
const UNLIMITED_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz'])

function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
}

/** A request counts against its token once authenticated (auth runs first), else against its address. */
function limitKey(request: FastifyRequest): string {
  const token = bearerToken(request)
  if (request.principal !== undefined && token !== undefined) return `token:${sha256(token).slice(0, 32)}`
  return `address:${rateLimit.normalizeIP(request.ip)}`
}

/**
 * Rate limits per token and per address, counted in Redis so every API process shares them.
 * Register before the routes: the plugin hooks the routes added after it. Over the limit the
 * answer is a 429 problem with Retry-After (seconds); if Redis fails, requests go through.
 */
export async function installRateLimit(app: FastifyInstance, deps: { redis: Redis; keyPrefix: string; limits: RateLimits }): Promise<void> {
  const { perTokenPerMinute, perAddressPerMinute } = deps.limits
  const limitOf = (key: string): number => (key.startsWith('token:') ? perTokenPerMinute : perAddressPerMinute)
  await app.register(rateLimit, {
    global: true,
    redis: deps.redis,
    nameSpace: deps.keyPrefix,
    skipOnError: true,
    timeWindow: 60_000,
    keyGenerator: limitKey,
    max: (_request, key) => limitOf(key),
    allowList: (request, key) => limitOf(key) === 0 || request.principal?.role === 'service' || UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (request, context) => {
      const who = request.principal === undefined ? 'this address' : 'this API token'
      return new ProblemError({
        type: PROBLEM_TYPES.tooManyRequests,
        title: 'Too many requests',
        status: 429,
        detail: `${who} may make ${context.max} requests a minute; try again in ${context.after} (Retry-After)`
      })
    }
  })
}
