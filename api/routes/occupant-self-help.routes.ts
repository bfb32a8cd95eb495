import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { SelfHelpTipStore } from '../../core/occupant/self-help-tip-store.js'
import { READ_ROLES } from '../auth.js'
import { EquipmentTypeParam, SelfHelpTipBody, SelfHelpTipId, SelfHelpTipSchema } from '../occupant-schemas.js'
import { notFound } from '../problem.js'
import { ListOf, ProblemSchema } from '../schemas.js'

export interface SelfHelpTipRouteDeps {
  tips: SelfHelpTipStore
}

const WRITERS = ['admin', 'manager'] as const
const DESCRIPTION = 'Shown to occupants on the QR page of every equipment of this type, before the report form. Each type starts with a few default tips, which staff may edit or delete.'

/** The self-help tips staff write per equipment type. */
export function selfHelpTipRoutes(app: FastifyInstance, deps: SelfHelpTipRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const by = (name: string | undefined): string => name ?? 'unknown'

  api.get(
    '/api/v1/self-help-tips/:type',
    {
      config: { roles: READ_ROLES },
      schema: { tags: ['occupant requests'], summary: 'Self-help tips for a type of equipment', description: DESCRIPTION, params: Type.Object({ type: EquipmentTypeParam }), response: { 200: ListOf(SelfHelpTipSchema), 400: ProblemSchema } }
    },
    async (request) => ({ items: await deps.tips.list(request.params.type) })
  )

  api.post(
    '/api/v1/self-help-tips/:type',
    {
      config: { roles: WRITERS },
      schema: { tags: ['occupant requests'], summary: 'Add a self-help tip', description: `${DESCRIPTION} New tips come last.`, params: Type.Object({ type: EquipmentTypeParam }), body: SelfHelpTipBody, response: { 201: SelfHelpTipSchema, 400: ProblemSchema, 403: ProblemSchema } }
    },
    async (request, reply) => {
      const tip = await deps.tips.add(request.params.type, request.body, by(request.principal?.name))
      return reply.code(201).header('location', `/api/v1/self-help-tips/${request.params.type}/${tip.id}`).send(tip)
    }
  )

  api.put(
    '/api/v1/self-help-tips/:type/:tipId',
    {
      config: { roles: WRITERS },
      schema: { tags: ['occupant requests'], summary: 'Rewrite a self-help tip', params: Type.Object({ type: EquipmentTypeParam, tipId: SelfHelpTipId }), body: SelfHelpTipBody, response: { 200: SelfHelpTipSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } }
    },
    async (request) => {
      const tip = await deps.tips.replace(request.params.type, request.params.tipId, request.body, by(request.principal?.name))
      if (tip === undefined) throw notFound(`self-help tip ${request.params.tipId} of ${request.params.type}`)
      return tip
    }
  )

  api.delete(
    '/api/v1/self-help-tips/:type/:tipId',
    {
      config: { roles: WRITERS },
      schema: { tags: ['occupant requests'], summary: 'Delete a self-help tip', params: Type.Object({ type: EquipmentTypeParam, tipId: SelfHelpTipId }), response: { 204: Type.Null(), 403: ProblemSchema, 404: ProblemSchema } }
    },
    async (request, reply) => {
      if (!(await deps.tips.remove(request.params.type, request.params.tipId))) throw notFound(`self-help tip ${request.params.tipId} of ${request.params.type}`)
      return reply.code(204).send(null)
    }
  )
}
