import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'

/** One field a request got wrong, as `querystring.metric` or `body.priority`. */
export interface FieldProblem {
  field: string
  message: string
}

/** RFC 9457 problem details. `type` is a stable code clients match on; `errors` names the fields. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  errors?: FieldProblem[]
  /** For a 409 on a work order: what can be done in its current status. */
  allowedActions?: string[]
}

export const PROBLEM_TYPES = {
  validation: 'urn:vigil:problem:validation',
  unauthorized: 'urn:vigil:problem:unauthorized',
  forbidden: 'urn:vigil:problem:forbidden',
  notFound: 'urn:vigil:problem:not-found',
  conflict: 'urn:vigil:problem:conflict',
  unprocessable: 'urn:vigil:problem:unprocessable',
  tooManyRequests: 'urn:vigil:problem:too-many-requests',
  unavailable: 'urn:vigil:problem:unavailable',
  internal: 'urn:vigil:problem:internal'
} as const

/** An error a handler throws to answer with a problem; only these messages reach clients. */
export class ProblemError extends Error {
  constructor(readonly problem: Omit<Problem, 'instance'>) {
    super(problem.detail)
    this.name = 'ProblemError'
  }
}

export function badRequest(field: string, message: string): ProblemError {
  return new ProblemError({
    type: PROBLEM_TYPES.validation,
    title: 'The request is not valid',
    status: 400,
    detail: `${field}: ${message}`,
    errors: [{ field, message }]
  })
}

export function notFound(what: string): ProblemError {
  return new ProblemError({ type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `${what} does not exist` })
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

/**
 * Every error leaves as problem+json. Schema validation failures name each bad field; 4xx keep
 * their message; a 5xx is logged with its stack and answered without internals.
 */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, { ...error.problem, instance: request.url })
    if (error.validation !== undefined) {
      const errors = error.validation.map((issue) => {
        const params: Record<string, unknown> = issue.params
        const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : ''
        const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : ''
        const path = `${issue.instancePath}${missing}${extra}`.split('/').filter(Boolean).join('.')
        const field = [error.validationContext, path].filter(Boolean).join('.')
        const message = extra !== '' ? 'is not a known field' : (issue.message ?? 'is not valid')
        return { field, message }
      })
      return sendProblem(reply, {
        type: PROBLEM_TYPES.validation,
        title: 'The request is not valid',
        status: 400,
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        instance: request.url,
        errors
      })
    }
    const status = error.statusCode ?? 500
    if (status < 500) {
      return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'The request is not valid', status, detail: error.message, instance: request.url })
    }
    request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, {
      type: PROBLEM_TYPES.internal,
      title: 'Internal error',
      status: 500,
      detail: 'The server failed to answer this request; it has been logged.',
      instance: request.url
    })
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `No route ${request.method} ${request.url.split('?')[0] ?? ''}`, instance: request.url })
  )
}
