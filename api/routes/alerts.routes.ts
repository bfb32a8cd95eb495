import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AlertStore } from '../../core/alerts/alert-store.js'
import { ALERT_STATUSES } from '../../core/domain/alert.js'
import { READ_ROLES } from '../auth.js'
import { notFound } from '../problem.js'
import { AlertSchema, Id, ListOf, ProblemSchema } from '../schemas.js'

export function alertRoutes(app: FastifyInstance, deps: { alerts: AlertStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/alerts',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['alerts'],
        summary: 'List alerts, newest first',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ALERT_STATUSES.map((s) => Type.Literal(s)))),
            equipmentId: Type.Optional(Id),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
          },
          { additionalProperties: false }
        ),
        response: { 200: ListOf(AlertSchema), 400: ProblemSchema }
      }
    },
    async (request) => ({ items: await deps.alerts.list(request.query) })
  )

  api.get(
    '/api/v1/alerts/:id',
    {
      config: { roles: READ_ROLES },
      schema: { tags: ['alerts'], summary: 'One alert', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 200: AlertSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const alert = await deps.alerts.get(request.params.id)
      if (alert === undefined) throw notFound(`alert ${request.params.id}`)
      return alert
    }
  )
}
