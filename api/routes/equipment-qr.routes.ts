import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { QR_CODE_PATTERN, reportPageUrl } from '../../core/registry/qr-code.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { notFound } from '../problem.js'
import { qrLabelSvg } from '../qr-label-svg.js'
import { EquipmentSchema, Id, ProblemSchema } from '../schemas.js'

const QrCode = Type.String({ pattern: QR_CODE_PATTERN, description: "The code printed under the equipment's QR code", examples: ['7k3m9q2xwd'] })

export interface EquipmentQrDeps {
  registry: RegistryStore
  /** Where people reach Vigil (PUBLIC_BASE_URL); unset: the address this request came to. */
  publicBaseUrl?: string | undefined
}

/** Equipment QR codes: find equipment by the code on its sticker, print the sticker, replace a compromised one. */
export function equipmentQrRoutes(app: FastifyInstance, deps: EquipmentQrDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const baseUrl = (request: FastifyRequest): string => deps.publicBaseUrl ?? `${request.protocol}://${request.host}`

  api.get(
    '/api/v1/equipment/by-qr/:code',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['equipment'],
        summary: 'Equipment by the code on its QR sticker',
        description: 'What an engineer scanning or typing the sticker gets. A code replaced with `POST /api/v1/equipment/{id}/qr-code` no longer resolves.',
        params: Type.Object({ code: QrCode }),
        response: { 200: EquipmentSchema, 400: ProblemSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const equipment = await deps.registry.getEquipmentByQrCode(request.params.code)
      if (equipment === undefined) throw notFound(`equipment with QR code ${request.params.code}`)
      return equipment
    }
  )

  api.get(
    '/api/v1/equipment/:id/qr.svg',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['equipment'],
        summary: "Printable QR sticker of the equipment (SVG)",
        description:
          'A 50 mm wide SVG: the QR code of the public report page `{PUBLIC_BASE_URL}/r/{qrCode}`, where occupants report a fault without an account, ' +
          'with the code in large type below it (engineers type it to check in where the camera fails) and the equipment name.',
        params: Type.Object({ id: Id }),
        response: {
          200: { description: 'The sticker', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
          404: ProblemSchema
        }
      }
    },
    async (request, reply) => {
      let equipment = await deps.registry.getEquipment(request.params.id)
      // Registered before equipment had QR codes: it gets one now.
      if (equipment !== undefined && equipment.qrCode === undefined) equipment = await deps.registry.rotateQrCode(equipment.id)
      if (equipment?.qrCode === undefined) throw notFound(`equipment ${request.params.id}`)
      const svg = qrLabelSvg({ url: reportPageUrl(baseUrl(request), equipment.qrCode), code: equipment.qrCode, name: equipment.name })
      return reply.type('image/svg+xml; charset=utf-8').header('content-disposition', `inline; filename="${equipment.id}-qr.svg"`).send(svg)
    }
  )

  api.post(
    '/api/v1/equipment/:id/qr-code',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['equipment'],
        summary: 'Give equipment a new QR code',
        description: 'For a sticker lost, defaced or copied where it should not be: the old code stops working at once. Print the new sticker from `qr.svg`.',
        params: Type.Object({ id: Id }),
        response: { 200: EquipmentSchema, 404: ProblemSchema }
      }
    },
    async (request) => {
      const equipment = await deps.registry.rotateQrCode(request.params.id)
      if (equipment === undefined) throw notFound(`equipment ${request.params.id}`)
      return equipment
    }
  )
}
