import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { GENERATED_SECRET_COST, hashPassword } from '../../core/auth/password-hash.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { notFound } from '../problem.js'
import { DeviceCredentialsSchema, DeviceSchema, Id, ListOf, ProblemSchema } from '../schemas.js'

export function deviceRoutes(app: FastifyInstance, deps: { registry: RegistryStore; now: () => number }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const publicView = ({ id, equipmentId, siteId, buildingId, equipmentType }: { id: string; equipmentId: string; siteId: string; buildingId: string; equipmentType: 'elevator' | 'pump' | 'fire_system' }) => ({
    id,
    equipmentId,
    siteId,
    buildingId,
    equipmentType
  })

  api.get(
    '/api/v1/devices',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['devices'],
        summary: 'List devices',
        querystring: Type.Object({ equipmentId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ListOf(DeviceSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const devices = await deps.registry.listDevices()
      return {
        items: devices
          .filter((d) => request.query.equipmentId === undefined || d.equipmentId === request.query.equipmentId)
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(publicView)
      }
    }
  )

  api.post(
    '/api/v1/devices/:id/credentials',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['devices'],
        summary: "Rotate a device's MQTT password",
        description: 'Makes a new random password, stores only its scrypt hash, and returns it once. The old password stops working at the next connect.',
        params: Type.Object({ id: Id }),
        response: { 201: DeviceCredentialsSchema, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      const device = await deps.registry.getDevice(request.params.id)
      if (device === undefined) throw notFound(`device ${request.params.id}`)
      const password = randomBytes(24).toString('base64url')
      await deps.registry.putDevice({ ...device, passwordHash: await hashPassword(password, GENERATED_SECRET_COST) })
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ deviceId: device.id, username: device.id, password, rotatedAt: new Date(deps.now()).toISOString() })
    }
  )
}
